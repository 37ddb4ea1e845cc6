import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import type { RouteHandler } from "@/lib/server/http/route";
import { createSessionToken, createUserRow } from "@/lib/server/auth/testing/auth-fixtures";
import { SESSION_COOKIE } from "@/lib/server/auth/better-auth/session-cookie";
import { getBucketWidth } from "@/lib/view/charts/downsample";
import { OVERVIEW_POINTS } from "@/lib/domain/runs/overview-query";
import {
  decodeOverview,
  encodeOverview,
  mergeOverviewDelta,
  sliceOverviewAfter,
  type OverviewWire,
} from "@/lib/view/runs/overview-wire";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { getRunOverview, type RunOverview } from "./run-overview";
import { readRunOverview } from "./run-overview-cache";

/**
 * The run page's overview as its hook asks for it: downsampled to the chart width, only the metrics
 * asked for, deltas after a step, the compact wire form and its size. Every value is compared with the
 * stored step rows it comes from.
 */
let db: TestDatabase;
let projectId: string;
let runId: string;
let smallRunId: string;
let cookie: string;
const TOTAL = 2500; // the shape of bench:dashboard's large run (lib/tools/bench/read/seed-large-run.ts)
const KEYS = [
  "rollout/Agg_avg_reward",
  "rollout/Agg_Pass@3",
  "rollout/avg_question_Pass@1",
  "rollout/min_question_Pass@1",
  "rollout/max_question_Pass@1",
  "rollout/avg_PROGRAM_Pass@1",
  "rollout/min_PROGRAM_Pass@1",
  "rollout/max_PROGRAM_Pass@1",
  "testing/Pass@1",
  "testing/Pass@2",
];

/** Stored values of `key` by step, read back from the database (not from the generator). */
async function storedValues(run: string, key: string): Promise<Map<number, number>> {
  const rows = await db.prisma.$queryRaw<{ step: number; value: number }[]>`
    SELECT step, (metrics #>> ARRAY['logged', ${key}])::float8 AS value FROM steps
    WHERE run_id = ${run}::uuid AND jsonb_typeof(metrics #> ARRAY['logged', ${key}]) = 'number'`;
  return new Map(rows.map((r) => [r.step, r.value]));
}

async function seedRun(name: string, steps: number, total: number): Promise<string> {
  const run = await db.prisma.run.create({
    data: {
      projectId,
      name,
      status: "running",
      trainMode: "evolution_rl",
      config: {},
      seed: 1,
      totalSteps: total,
      currentStep: steps,
    },
  });
  // Random values (the worst case for size: 17 digits each), testing/ keys every fifth step (the last included).
  await db.prisma.$executeRaw`
    INSERT INTO steps (run_id, step, epoch, metrics, samples_consumed, started_at, committed_at)
    SELECT ${run.id}::uuid, s, 0,
      jsonb_build_object('logged', jsonb_build_object(
        'rollout/Agg_avg_reward', random(), 'rollout/Agg_Pass@3', random(),
        'rollout/avg_question_Pass@1', random(), 'rollout/min_question_Pass@1', random(),
        'rollout/max_question_Pass@1', random(), 'rollout/avg_PROGRAM_Pass@1', random(),
        'rollout/min_PROGRAM_Pass@1', random(), 'rollout/max_PROGRAM_Pass@1', random(), 'optim/lr', 4e-5)
        || CASE WHEN s % 5 = 4 THEN jsonb_build_object('testing/Pass@1', random(), 'testing/Pass@2', random())
           ELSE '{}'::jsonb END),
      s * 160, now() - (${steps} - s) * interval '2 seconds', now() - (${steps} - s) * interval '2 seconds' + interval '1 second'
    FROM generate_series(0, ${steps - 1}::int) s`;
  await db.prisma.$executeRaw`
    INSERT INTO evolution_events (run_id, step, kind, status, parent_program_ids, error)
    SELECT ${run.id}::uuid, s, CASE WHEN s % 3 = 0 THEN 'crossover'::evolution_kind ELSE 'mutation' END,
      CASE WHEN s % 50 = 7 THEN 'failed'::event_status ELSE 'ok' END, ARRAY[0],
      CASE WHEN s % 50 = 7 THEN 'unparseable reply' END
    FROM generate_series(0, ${steps - 1}::int) s`;
  return run.id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  projectId = (await db.prisma.project.create({ data: { name: "Wire", slug: "wire" } })).id;
  runId = await seedRun("large", TOTAL, TOTAL);
  smallRunId = await seedRun("small", 300, 400);
  const user = await createUserRow(db.prisma, [{ projectId, role: "viewer" }]);
  cookie = `${SESSION_COOKIE}=${await createSessionToken(db.prisma, user.id)}`;
}, 60_000);
afterAll(() => db.drop());

const scope = () => ({ projectIds: [projectId] });

describe("downsampled to the chart width", () => {
  test("each bucket's value, min and max equal the stored rows of its steps", async () => {
    const o = await getRunOverview(scope(), runId, { points: OVERVIEW_POINTS });
    const width = getBucketWidth(TOTAL, OVERVIEW_POINTS);
    expect(o.bucketWidth).toBe(width);
    // Every panel's series by default: the train and test keys and the optimizer's learning rate.
    expect(Object.keys(o.series).sort()).toEqual([...KEYS, "optim/lr"].sort());
    for (const key of ["rollout/Agg_avg_reward", "testing/Pass@2"]) {
      const stored = await storedValues(runId, key);
      const buckets = o.series[key]!;
      expect(buckets.length).toBeLessThanOrEqual(OVERVIEW_POINTS);
      expect(buckets.length).toBe(new Set([...stored.keys()].map((s) => Math.floor(s / width))).size);
      for (const b of buckets) {
        const inBucket = [...stored].filter(([s]) => Math.floor(s / width) === b.bucket);
        const lastStep = Math.max(...inBucket.map(([s]) => s));
        expect(b.step).toBe(lastStep);
        expect(b.last).toBe(stored.get(lastStep));
        expect(b.min).toBe(Math.min(...inBucket.map(([, v]) => v)));
        expect(b.max).toBe(Math.max(...inBucket.map(([, v]) => v)));
      }
    }
    expect(o.axes.steps).toEqual(
      [...new Set(Object.values(o.series).flatMap((s) => s.map((b) => b.step)))].sort((a, b) => a - b),
    );
  });

  test("successful evolution markers are thinned to one per bucket and kind; every failure is kept", async () => {
    const o = await getRunOverview(scope(), runId, { points: OVERVIEW_POINTS });
    const width = o.bucketWidth;
    const failed = await db.prisma.evolutionEvent.findMany({
      where: { runId, status: "failed" },
      orderBy: { step: "asc" },
    });
    expect(o.events.filter((e) => e.status === "failed").map((e) => [e.step, e.error])).toEqual(
      failed.map((e) => [e.step, e.error]),
    );
    const ok = await db.prisma.evolutionEvent.findMany({ where: { runId, status: "ok" } });
    const groups = new Map<string, number>();
    for (const e of ok) {
      const g = `${Math.floor(e.step / width)}:${e.kind}`;
      groups.set(g, Math.max(groups.get(g) ?? -1, e.step));
    }
    const markers = o.events.filter((e) => e.status === "ok");
    expect(markers.map((e) => `${Math.floor(e.step / width)}:${e.kind}:${e.step}`).sort()).toEqual(
      [...groups].map(([g, step]) => `${g}:${step}`).sort(),
    );
  });
});

describe("metrics filter", () => {
  test("only the metrics asked for, equal to the stored rows; every numeric key is listed", async () => {
    const o = await getRunOverview(scope(), smallRunId, {
      metrics: ["optim/lr", "testing/Pass@1"],
      points: 1000,
    });
    expect(Object.keys(o.series).sort()).toEqual(["optim/lr", "testing/Pass@1"]);
    expect(o.metricKeys).toEqual(expect.arrayContaining([...KEYS, "optim/lr"]));
    for (const key of ["optim/lr", "testing/Pass@1"]) {
      const stored = await storedValues(smallRunId, key);
      expect(o.series[key]!.map((b) => [b.step, b.last])).toEqual([...stored].sort(([a], [b]) => a - b));
    }
  });

  test("the route refuses a malformed metrics or points parameter in plain words", async () => {
    const bad = await callOverview(smallRunId, "metrics=a,,b");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("a metric name is empty");
    const points = await callOverview(smallRunId, "points=5");
    expect(points.status).toBe(400);
    expect(await points.text()).toContain("points must be at least 10");
  });
});

describe("deltas after a step", () => {
  test("a delta after step k holds exactly the stored steps > k (one step per bucket)", async () => {
    const k = 211;
    const delta = await getRunOverview(scope(), smallRunId, { points: 1000, sinceStep: k });
    expect(delta.bucketWidth).toBe(1);
    expect(delta.sinceStep).toBe(k);
    for (const key of KEYS) {
      const stored = await storedValues(smallRunId, key);
      expect(delta.series[key]!.map((b) => [b.step, b.last])).toEqual(
        [...stored].filter(([s]) => s > k).sort(([a], [b]) => a - b),
      );
    }
    expect(delta.events.length).toBeGreaterThan(0);
    expect(delta.events.every((e) => e.step > k)).toBe(true);
    expect(delta.axes.steps.every((s) => s > k)).toBe(true);
  });

  test("held overview as of step k merged with the delta after k equals the whole overview", async () => {
    // Steps that log testing/ (the held overview's keys come from its newest metrics line): the last step
    // of a bucket (width 13: 1027..1039), one inside a bucket, and the run's last step (an empty delta).
    for (const k of [1039, 1004, 2499]) {
      const options = { points: OVERVIEW_POINTS };
      const held = await getRunOverview({ ...scope(), frozenAtStep: k }, runId, options);
      const delta = await getRunOverview(scope(), runId, { ...options, sinceStep: k });
      const whole = await getRunOverview(scope(), runId, options);
      const merged = mergeOverviewDelta(held, delta)!;
      expect(merged.series).toEqual(whole.series);
      expect(merged.axes).toEqual(whole.axes);
      expect(merged.events).toEqual(whole.events);
      expect(merged.stepCount).toBe(whole.stepCount);
      // The shared read may cut a delta from the whole overview: the same as the database's delta.
      expect(sliceOverviewAfter(whole, k)).toEqual(delta);
    }
  });
});

describe("the wire", () => {
  test("decoding the compact form gives the overview back", async () => {
    const o = await getRunOverview(scope(), runId, { points: OVERVIEW_POINTS });
    const wire = JSON.parse(JSON.stringify(encodeOverview(o))) as OverviewWire<RunOverview>;
    expect(decodeOverview(wire)).toEqual(o);
  });

  test("the default request for the large run stays small, and an unchanged overview answers 304", async () => {
    const res = await callOverview(runId, "format=compact");
    expect(res.status).toBe(200);
    const text = await res.text();
    const o = decodeOverview(JSON.parse(text) as OverviewWire<RunOverview>);
    expect(o.bucketWidth).toBe(getBucketWidth(TOTAL, OVERVIEW_POINTS));
    // Random 17-digit values are the worst case; the server sends it gzip-compressed.
    expect(gzipSync(text).length).toBeLessThanOrEqual(60 * 1024);
    expect(text.length).toBeLessThanOrEqual(160 * 1024);
    const etag = res.headers.get("etag")!;
    expect((await callOverview(runId, "format=compact", etag)).status).toBe(304);
    await db.prisma
      .$executeRaw`UPDATE runs SET updated_at = now() + interval '1 second' WHERE id = ${runId}::uuid`;
    expect((await callOverview(runId, "format=compact", etag)).status).toBe(200);
    // Plain JSON (scripts, and the hook of a page built before the compact form) stays available.
    const plain = (await (await callOverview(runId, "")).json()) as RunOverview;
    expect(plain.series).toEqual(o.series);
  });
});

describe("shared reads", () => {
  test("repeated reads share one overview until the run changes; a new step is read at once", async () => {
    const options = { points: 1000 };
    const first = await readRunOverview(scope(), smallRunId, options);
    expect(await readRunOverview(scope(), smallRunId, options)).toBe(first);
    await expect(readRunOverview({ projectIds: [] }, smallRunId, options)).rejects.toMatchObject({
      code: "not_found",
    });
    await db.prisma.$executeRaw`
      INSERT INTO steps (run_id, step, epoch, metrics, samples_consumed, started_at, committed_at)
      VALUES (${smallRunId}::uuid, 300, 0, '{"logged": {"rollout/Agg_avg_reward": 0.25}}', 0, now(), now())`;
    const next = await readRunOverview(scope(), smallRunId, options);
    expect(next.lastStep).toBe(300);
    expect(next.series["rollout/Agg_avg_reward"]!.at(-1)).toMatchObject({ step: 300, last: 0.25 });
    await db.prisma.$executeRaw`DELETE FROM steps WHERE run_id = ${smallRunId}::uuid AND step = 300`;
  });

  test("viewers asking for the same delta share one answer, read alone or cut from the whole", async () => {
    const options = { points: 1000, sinceStep: 250 };
    // No whole overview held at this width yet: the delta is read on its own.
    const delta = await readRunOverview(scope(), smallRunId, options);
    expect(await readRunOverview(scope(), smallRunId, options)).toBe(delta);
    expect(delta).toEqual(await getRunOverview(scope(), smallRunId, options));
    expect(delta.series["rollout/Agg_avg_reward"]!.every((b) => b.step > 250)).toBe(true);
    const other = await readRunOverview(scope(), smallRunId, { ...options, sinceStep: 260 });
    expect(other).not.toBe(delta);
    expect(other.sinceStep).toBe(260);
    // Once the whole overview of this version is held, a new delta is cut from it: the same answer.
    await readRunOverview(scope(), smallRunId, { points: 1000 });
    const cut = await readRunOverview(scope(), smallRunId, { ...options, sinceStep: 270 });
    expect(cut).toEqual(await getRunOverview(scope(), smallRunId, { ...options, sinceStep: 270 }));
  });
});

async function callOverview(run: string, query: string, ifNoneMatch?: string): Promise<Response> {
  const mod = (await import("@/app/api/runs/[runId]/overview/route")) as unknown as Record<
    string,
    RouteHandler
  >;
  const headers = new Headers({ host: "studio.test", cookie });
  if (ifNoneMatch) headers.set("if-none-match", ifNoneMatch);
  const request = new NextRequest(`http://studio.test/api/runs/${run}/overview?${query}`, { headers });
  return mod.GET!(request, { params: Promise.resolve({ runId: run }) });
}
