/**
 * `npm run bench:runner`: prints the runner's figures (no assertions). On a fresh database (an ephemeral
 * embedded server, or TEST_DATABASE_URL):
 *  1. persisting one default-config iteration (150 train rollouts of 2 KB, 300 test rollouts, pool and
 *     ratings): median ms, and its ratio to raw multi-row INSERTs of the same rows on the same connection;
 *  2. a full default-config simulated run through the queue, with persistence: wall time;
 *  3. live latency while that run is in progress: from a step's commit (NOTIFY heard by a direct LISTEN)
 *     to its Server-Sent Event from a production web server, and to the run's page in headless Chromium
 *     showing the step (needs `npm run build` first; skipped with a note otherwise; see live-latency.ts).
 */
import pg from "pg";
import { getDefaultConfig } from "@/lib/espl/config";
import { quantile } from "@/lib/espl/bench/stats";
import { startBoss } from "@/lib/server/queue/boss";
import { enqueueRun } from "@/lib/server/runs/controls";
import { executeRun } from "@/lib/server/runner/execute-run";
import { startWorker } from "@/lib/server/runner/worker";
import { createBenchDatabase } from "./bench-database";
import { benchPersistence } from "./bench-persistence";
import { hasWebBuild } from "@/lib/tools/bench/web/web-server";
import { measureLiveLatency } from "./live-latency";

function describeLatencies(label: string, values: number[]): string {
  if (values.length === 0) return `${label}: no step measured`;
  return `${label} (${values.length} steps): p50 ${quantile(values, 0.5).toFixed(1)} ms, p95 ${quantile(values, 0.95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms`;
}

const db = await createBenchDatabase();
process.env.DATABASE_URL = db.url;
try {
  const persistence = await benchPersistence(db);
  console.log(
    `persist one default-config iteration (${persistence.rows} rows, ${(persistence.bytes / 1024).toFixed(0)} KB): ` +
      `median ${persistence.commitMedianMs.toFixed(1)} ms; raw multi-row INSERT of the same rows: median ` +
      `${persistence.rawMedianMs.toFixed(1)} ms; ratio ${(persistence.commitMedianMs / persistence.rawMedianMs).toFixed(2)}×`,
  );
  console.log(
    `  disk per default-config step: ${(persistence.diskBytesPerStep / 1024).toFixed(0)} KB (tables + indexes + TOAST)`,
  );

  const boss = await startBoss(db.url);
  const worker = startWorker({ prisma: db.prisma, boss, executor: executeRun, log: () => {} });
  const project = await db.prisma.project.create({ data: { name: "bench", slug: "bench" } });
  const run = await db.prisma.run.create({
    data: {
      projectId: project.id,
      name: "bench",
      trainMode: "evolution_rl",
      config: getDefaultConfig(),
      seed: 1,
    },
  });
  let live = hasWebBuild() ? measureLiveLatency(db.url, db.prisma, run.id) : null;
  // A live path that cannot start is reported, and the rest of the benchmark still runs.
  await live?.ready.catch((error: unknown) => {
    console.log(`live latency: could not start (${error instanceof Error ? error.message : String(error)})`);
    live = null;
  });
  // Listening before the run is queued, so a run quicker than the connection cannot be missed.
  const listen = new pg.Client({ connectionString: db.url });
  await listen.connect();
  const finished = new Promise<void>((resolve) => {
    listen.on("notification", (m) => {
      const change = JSON.parse(m.payload ?? "{}") as { runId?: string; status?: string };
      // A run that fails or is cancelled ends the wait too (it is reported below), never a hang.
      if (change.runId === run.id && ["completed", "failed", "cancelled"].includes(change.status ?? ""))
        resolve();
    });
  });
  await listen.query("LISTEN espl_runs");
  const started = performance.now();
  await enqueueRun(run.id, { prisma: db.prisma, boss });
  await finished;
  const wallS = (performance.now() - started) / 1000;
  const steps = await db.prisma.step.count({ where: { runId: run.id } });
  const { status } = await db.prisma.run.findUniqueOrThrow({
    where: { id: run.id },
    select: { status: true },
  });
  console.log(
    `full default-config simulated run through the queue with persistence: ${wallS.toFixed(1)} s (${steps} steps, ${status})`,
  );
  if (live) {
    const latencies = await live.stop();
    console.log(describeLatencies("live latency, commit → Server-Sent Event", latencies.sse));
    console.log(
      describeLatencies("live latency, commit → run page showing the step (Chromium)", latencies.browser),
    );
    console.log(
      describeLatencies("live latency, commit → run page charts holding the step", latencies.charts),
    );
  } else if (!hasWebBuild()) console.log("live latency: skipped (run `npm run build` first)");
  await listen.end();
  await worker.stop();
  await boss.stop({ graceful: false });
} finally {
  await db.drop();
}
process.exit(0);
