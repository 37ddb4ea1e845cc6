/**
 * npm run bench:overview-load — the run overview under load: the production server (`npm run build`
 * first) on a scratch database (TEST_DATABASE_URL's server, or an embedded one) holding bench:dashboard's
 * large run (2,500 steps, completed) and a run in progress (2,000 of 2,500 steps, one more committed every
 * second). VIEWERS concurrent viewers each poll as the run page does: the page (HTML) every fifth round,
 * /api/runs/:id/overview every round, a second apart; the first API request asks for the whole overview,
 * later ones for what follows the last step held (sinceStep) with the ETag held (If-None-Match), in the
 * compact form. A server that predates those parameters ignores them and answers in full, so the same
 * script measures before and after. Prints p50/p95/max latency and the bytes on the wire (gzip, as a
 * browser receives them) and decoded, per run and request kind. Figures only.
 *
 * BENCH_PORT picks the server's port; BENCH_SECONDS (default 30) and BENCH_VIEWERS (default 20) the load.
 */
import { request } from "node:http";
import { gunzipSync } from "node:zlib";
import { percentile } from "@/lib/espl/bench/stats";
import { createBenchDatabase } from "@/lib/tools/bench/runner/bench-database";
import { seedLargeRun, STEPS } from "@/lib/tools/bench/read/seed-large-run";
import { createOwnerSession, hasWebBuild, startWebServer } from "./web-server";
import { seedLiveRun, startLiveWriter } from "./live-writer";

const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const ROUND_MS = 1_000;
const PAGE_EVERY = 5;
const OVERVIEW_QUERY = "format=compact&points=200";

interface Sample {
  ms: number;
  wire: number;
  decoded: number;
  status: number;
}

/** One GET as a browser makes it (gzip accepted), timed to the last byte; bytes as sent and as decoded. */
function get(
  url: string,
  headers: Record<string, string>,
): Promise<Sample & { text: string; etag: string | null }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { "accept-encoding": "gzip", ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const ms = performance.now() - started;
        const raw = Buffer.concat(chunks);
        const body = res.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
        resolve({
          ms,
          wire: raw.length,
          decoded: body.length,
          status: res.statusCode ?? 0,
          text: body.toString("utf8"),
          etag: (res.headers.etag as string | undefined) ?? null,
        });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

async function viewer(
  base: string,
  cookie: string,
  runId: string,
  until: number,
  out: Record<string, Sample[]>,
) {
  let lastStep: number | null = null;
  let etag: string | null = null;
  // Viewers start spread over one round, as people do.
  await new Promise((r) => setTimeout(r, Math.random() * ROUND_MS));
  for (let round = 0; Date.now() < until; round++) {
    if (round % PAGE_EVERY === 0) {
      const page = await get(`${base}/runs/${runId}`, { cookie });
      out.page!.push(page);
      lastStep = null; // a page load starts from the overview it renders
      etag = null;
    }
    const since = lastStep === null ? "" : `&sinceStep=${lastStep}`;
    const api = await get(`${base}/api/runs/${runId}/overview?${OVERVIEW_QUERY}${since}`, {
      cookie,
      ...(etag ? { "if-none-match": etag } : {}),
    });
    out[lastStep === null ? "api first" : "api refresh"]!.push(api);
    if (api.status === 200) {
      const found = /"lastStep":(-?\d+|null)/.exec(api.text)?.[1];
      if (found && found !== "null") lastStep = Number(found);
      etag = api.etag;
    }
    await new Promise((r) => setTimeout(r, ROUND_MS));
  }
}

function report(label: string, samples: Sample[]) {
  if (samples.length === 0) return;
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const wire = samples.map((s) => s.wire).sort((a, b) => a - b);
  const decoded = samples.map((s) => s.decoded).sort((a, b) => a - b);
  const notModified = samples.filter((s) => s.status === 304).length;
  const failed = samples.filter((s) => s.status !== 200 && s.status !== 304).length;
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  console.log(
    `  ${label.padEnd(12)} n=${String(samples.length).padStart(4)}  latency p50 ${percentile(ms, 50).toFixed(0)} ms, p95 ${percentile(ms, 95).toFixed(0)} ms, max ${ms.at(-1)!.toFixed(0)} ms;` +
      ` wire p50 ${kb(percentile(wire, 50))}, max ${kb(wire.at(-1)!)}; decoded p50 ${kb(percentile(decoded, 50))}, max ${kb(decoded.at(-1)!)}` +
      (notModified ? `; ${notModified} × 304` : "") +
      (failed ? `; ${failed} FAILED (status ≠ 200/304)` : ""),
  );
}

async function phase(base: string, cookie: string, label: string, runId: string) {
  const out: Record<string, Sample[]> = { page: [], "api first": [], "api refresh": [] };
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: VIEWERS }, () => viewer(base, cookie, runId, until, out)));
  console.log(`${label}: ${VIEWERS} viewers for ${SECONDS} s`);
  for (const [kind, samples] of Object.entries(out)) report(kind, samples);
  const api = [...out["api first"]!, ...out["api refresh"]!].map((s) => s.ms).sort((a, b) => a - b);
  console.log(
    `  all overview data requests: p50 ${percentile(api, 50).toFixed(0)} ms, p95 ${percentile(api, 95).toFixed(0)} ms (target p95 ≤ 300 ms, ≤ 60 KB per response)`,
  );
}

async function main() {
  if (!hasWebBuild()) {
    console.log("bench:overview-load needs a production build: run `npm run build` first");
    return;
  }
  const db = await createBenchDatabase();
  let stopServer = async () => {};
  try {
    const p = db.prisma;
    const project = await p.project.create({ data: { name: "Bench", slug: "bench" } });
    const large = await seedLargeRun(p, project.id, "large bench run");
    await p.run.update({ where: { id: large.id }, data: { status: "completed", finishedAt: new Date() } });
    const liveId = await seedLiveRun(p, project.id, 2000);
    await p.$executeRaw`ANALYZE`;
    const { cookie } = await createOwnerSession(p);
    const server = await startWebServer(db.url);
    stopServer = () => server.stop();
    // Warm the server (compiled routes, stored buckets), as a running product is.
    for (const id of [large.id, liveId]) {
      await get(`${server.base}/runs/${id}`, { cookie });
      await get(`${server.base}/api/runs/${id}/overview?${OVERVIEW_QUERY}`, { cookie });
    }
    const writer = startLiveWriter(p, liveId, 2000, 1_000);
    console.log(`large run: ${STEPS} steps (completed); live run: from step 2000 of 2500, one step a second`);
    await phase(server.base, cookie, "run in progress", liveId);
    await phase(server.base, cookie, `large completed run (while the other one runs)`, large.id);
    await writer.stop();
  } finally {
    await stopServer();
    await db.drop();
  }
}

await main();
process.exit(0);
