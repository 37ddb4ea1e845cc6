import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { downsampleSeries, getBucketWidth, type SeriesPoint } from "@/lib/view/charts/downsample";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { getRunOverview } from "./run-overview";
import { queryDownsampledSeries } from "./run-series";

let db: TestDatabase;
let projectId: string;
let runId: string;
const TOTAL = 2100; // > 1,000 so that buckets span several steps
const T0 = Date.parse("2026-06-01T00:00:00Z");

function rewardAt(step: number): number {
  return ((step * 37) % 101) / 100;
}

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  projectId = (await db.prisma.project.create({ data: { name: "Math", slug: "math" } })).id;
  const run = await db.prisma.run.create({
    data: {
      projectId,
      name: "big",
      status: "running",
      trainMode: "evolution_rl",
      config: { batch_size: 4 },
      seed: 1,
      totalSteps: TOTAL,
      currentStep: TOTAL - 50,
      bestProgramId: 1,
    },
  });
  runId = run.id;
  await db.prisma.step.createMany({
    data: Array.from({ length: TOTAL - 50 }, (_, step) => ({
      runId,
      step,
      epoch: 0,
      // testing/Pass@1 only every third step, and one non-number, to check sparse series match too.
      metrics: {
        logged: {
          "rollout/Agg_avg_reward": rewardAt(step),
          ...(step % 3 === 0 ? { "testing/Pass@1": step === 9 ? "nan" : rewardAt(step) / 2 } : {}),
          "optim/lr": 1e-5,
          // Logged but on no panel: never sent by default.
          "progress/batch": step,
        },
      },
      samplesConsumed: step * 20,
      startedAt: new Date(T0 + step * 1000),
      committedAt: new Date(T0 + step * 1000 + 900),
    })),
  });
  await db.prisma.program.createMany({
    data: [
      { runId, programId: 0, principles: [], origin: "root", birthStep: -1, mu: 25, sigma: 8 },
      {
        runId,
        programId: 1,
        principles: [{ id: 1, text: "check units" }],
        origin: "mutation",
        birthStep: 10,
        mu: 30,
        sigma: 2,
      },
      { runId, programId: 2, principles: [], origin: "crossover", birthStep: 1500, mu: 26, sigma: 5 },
    ],
  });
  await db.prisma.evolutionEvent.createMany({
    data: [
      { runId, step: 10, kind: "mutation", status: "ok", parentProgramIds: [0] },
      {
        runId,
        step: 1500,
        kind: "crossover",
        status: "failed",
        parentProgramIds: [0, 1],
        error: "unparseable reply",
      },
    ],
  });
});
afterAll(() => db.drop());

describe("getRunOverview", () => {
  test("a scope without the run's project does not find it", async () => {
    await expect(getRunOverview({ projectIds: [] }, runId)).rejects.toMatchObject({ code: "not_found" });
    await expect(getRunOverview({ projectIds: [projectId], runIds: [] }, runId)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  test("returns summary, every panel's keys (not other logged ones), events, best and newest program", async () => {
    const o = await getRunOverview({ projectIds: [projectId] }, runId);
    expect(o.run).toMatchObject({ name: "big", projectName: "Math", status: "running", simulated: true });
    expect(o.stepCount).toBe(TOTAL - 50);
    expect(o.lastStep).toBe(TOTAL - 51);
    expect(Object.keys(o.series).sort()).toEqual(["optim/lr", "rollout/Agg_avg_reward", "testing/Pass@1"]);
    expect(o.bucketWidth).toBe(getBucketWidth(TOTAL));
    expect(o.series["rollout/Agg_avg_reward"]!.length).toBeLessThanOrEqual(1000);
    expect(o.events.map((e) => [e.step, e.kind, e.status])).toEqual([
      [10, "mutation", "ok"],
      [1500, "crossover", "failed"],
    ]);
    expect(o.best).toMatchObject({ programId: 1, conservative: 24 });
    expect(o.newest?.programId).toBe(2);
  });

  test("a frozen scope hides later steps, events and programs", async () => {
    const o = await getRunOverview({ projectIds: [projectId], runIds: [runId], frozenAtStep: 100 }, runId);
    expect(o.stepCount).toBe(101);
    expect(o.lastStep).toBe(100);
    expect(o.events.map((e) => e.step)).toEqual([10]);
    expect(o.newest?.programId).toBe(1);
    expect(Math.max(...o.series["rollout/Agg_avg_reward"]!.map((b) => b.step))).toBe(100);
  });
});

test("a last step without a metrics line (a killed reference run) keeps the charted keys", async () => {
  const run = await db.prisma.run.create({
    data: { projectId, name: "no last line", trainMode: "rl", config: {}, seed: 3, totalSteps: 3 },
  });
  await db.prisma.step.createMany({
    data: [0, 1, 2].map((step) => ({
      runId: run.id,
      step,
      epoch: 0,
      metrics: { logged: step < 2 ? { "rollout/Agg_avg_reward": rewardAt(step) } : {} },
      startedAt: new Date(T0 + step * 1000),
    })),
  });
  const o = await getRunOverview({ projectIds: [projectId] }, run.id);
  expect(Object.keys(o.series)).toEqual(["rollout/Agg_avg_reward"]);
  expect(o.series["rollout/Agg_avg_reward"]!.map((b) => b.step)).toEqual([0, 1]);
});

describe("queryDownsampledSeries", () => {
  const KEYS = ["rollout/Agg_avg_reward", "testing/Pass@1"];

  async function expectedSeries(id: string, width: number, maxStep: number) {
    const steps = await db.prisma.step.findMany({
      where: { runId: id, step: { lte: maxStep } },
      orderBy: { step: "asc" },
    });
    return Object.fromEntries(
      KEYS.map((key) => {
        const points: SeriesPoint[] = steps.flatMap((s) => {
          const v = (s.metrics as { logged: Record<string, unknown> }).logged[key];
          return typeof v === "number"
            ? [{ step: s.step, value: v, time: s.committedAt.getTime(), samples: s.samplesConsumed }]
            : [];
        });
        return [key, downsampleSeries(points, width)];
      }),
    );
  }

  test("equals the pure function's output for dense and sparse series, stored or not", async () => {
    const width = getBucketWidth(TOTAL);
    const expected = await expectedSeries(runId, width, 1e9);
    for (const key of KEYS) expect(expected[key]!.length).toBeGreaterThan(0);
    // The first read aggregates and stores the completed buckets; the second reads them back.
    expect(await queryDownsampledSeries(db.prisma, runId, KEYS, width, 1e9)).toEqual(expected);
    expect(await queryDownsampledSeries(db.prisma, runId, KEYS, width, 1e9)).toEqual(expected);
    const fill = await db.prisma.seriesFill.findUniqueOrThrow({ where: { runId_width: { runId, width } } });
    expect(fill.buckets).toBe(Math.floor((TOTAL - 50) / width));
  });

  test("a growing run: stored buckets stay right as steps arrive, and a frozen view stops at its step", async () => {
    const width = 4;
    const grow = await db.prisma.run.create({
      data: { projectId, name: "grow", trainMode: "rl", config: {}, seed: 2, totalSteps: 40 },
    });
    const addSteps = (from: number, to: number) =>
      db.prisma.step.createMany({
        data: Array.from({ length: to - from }, (_, i) => ({
          runId: grow.id,
          step: from + i,
          epoch: 0,
          metrics: {
            logged: {
              "rollout/Agg_avg_reward": rewardAt(from + i),
              ...((from + i) % 5 === 0 ? { "testing/Pass@1": rewardAt(from + i) / 3 } : {}),
            },
          },
          samplesConsumed: (from + i) * 7,
          startedAt: new Date(T0 + (from + i) * 1000),
          committedAt: new Date(T0 + (from + i) * 1000 + 500),
        })),
      });
    for (const [from, to] of [
      [0, 6],
      [6, 7],
      [7, 17],
      [17, 32],
    ] as const) {
      await addSteps(from, to);
      const read = await queryDownsampledSeries(db.prisma, grow.id, KEYS, width, 1e9);
      expect(read, `after steps ${from}..${to - 1}`).toEqual(await expectedSeries(grow.id, width, 1e9));
    }
    for (const frozen of [2, 13, 19])
      expect(
        await queryDownsampledSeries(db.prisma, grow.id, KEYS, width, frozen),
        `frozen at ${frozen}`,
      ).toEqual(await expectedSeries(grow.id, width, frozen));
  });
});
