/**
 * The samples, tokens and time axes against the rows they come from: every position must equal the
 * sum of the stored per-step values up to that step (native: step columns; imported: rollouts and the
 * logged time/total), and a value the run did not record must come back as null, never 0.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { getComparison } from "./compare-runs";
import { getRunOverview } from "./run-overview";
import { queryAxisPositions } from "./axis-positions";

let db: TestDatabase;
let projectId: string;
const T0 = Date.parse("2026-06-01T00:00:00Z");
const STEPS = 12;

async function makeRun(name: string, source: "native" | "imported"): Promise<string> {
  const run = await db.prisma.run.create({
    data: {
      projectId,
      name,
      source,
      status: "completed",
      trainMode: "evolution_rl",
      config: {},
      seed: 1,
      totalSteps: STEPS,
    },
  });
  return run.id;
}

let nativeId: string;
let importedId: string;
let untokenedId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  projectId = (await db.prisma.project.create({ data: { name: "Axes", slug: "axes" } })).id;

  nativeId = await makeRun("native", "native");
  await db.prisma.step.createMany({
    data: Array.from({ length: STEPS }, (_, step) => ({
      runId: nativeId,
      step,
      epoch: 0,
      metrics: { logged: { "rollout/Agg_avg_reward": step / STEPS, "time/total": 999 } },
      // Uneven on purpose: a per-step count read as a total would not match the running sums.
      samplesConsumed: 10 + (step % 4) * 3,
      policyPromptTokens: 100 * (step + 1),
      policyCompletionTokens: 7 * step,
      reflectionPromptTokens: step % 3 === 0 ? 50 : 0,
      reflectionCompletionTokens: step % 3 === 0 ? 5 : 0,
      startedAt: new Date(T0 + step * 2000),
      committedAt: new Date(T0 + step * 2000 + 1500 + step * 10),
    })),
  });

  // A native run whose counters were never kept (all zero) has no samples or tokens axis.
  untokenedId = await makeRun("no counters", "native");
  await db.prisma.step.createMany({
    data: Array.from({ length: 3 }, (_, step) => ({
      runId: untokenedId,
      step,
      epoch: 0,
      metrics: { logged: { "rollout/Agg_avg_reward": 0.5 } },
      startedAt: new Date(T0 + step * 1000),
      committedAt: new Date(T0 + step * 1000 + 500),
    })),
  });

  // Imported: counters on the step rows are zero and the rows were written at import time; the truth
  // is in the rollouts and in the logged per-step time/total (missing at step 9, as the reference
  // sometimes leaves it).
  importedId = await makeRun("imported", "imported");
  const program = await db.prisma.program.create({
    data: {
      runId: importedId,
      programId: 0,
      principles: [],
      origin: "root",
      birthStep: -1,
      mu: 25,
      sigma: 8,
    },
  });
  await db.prisma.step.createMany({
    data: Array.from({ length: STEPS }, (_, step) => ({
      runId: importedId,
      step,
      epoch: step < 6 ? 0 : 1,
      metrics: {
        rollout: {},
        test: {},
        logged: {
          "rollout/Agg_avg_reward": 0.25,
          ...(step === 9 ? {} : { "time/total": 250 + step * 3.25 }),
        },
      },
      startedAt: new Date(),
    })),
  });
  await db.prisma.rollout.createMany({
    data: Array.from({ length: STEPS }).flatMap((_, step) =>
      Array.from({ length: 2 + (step % 3) }, (_, i) => ({
        runId: importedId,
        step,
        split: "train" as const,
        slot: 0,
        programId: program.id,
        problemIndex: i,
        sampleIndex: 0,
        reward: 1,
        completionChars: 10,
      })),
    ),
  });
});

afterAll(async () => {
  await db?.drop();
});

function runningSums(values: readonly number[]): number[] {
  let total = 0;
  return values.map((v) => (total += v));
}

describe("native runs", () => {
  test("samples, tokens and seconds are the running sums of the stored step rows", async () => {
    const rows = await db.prisma.step.findMany({ where: { runId: nativeId }, orderBy: { step: "asc" } });
    const samples = runningSums(rows.map((r) => r.samplesConsumed));
    const tokens = runningSums(
      rows.map(
        (r) =>
          r.policyPromptTokens +
          r.policyCompletionTokens +
          r.reflectionPromptTokens +
          r.reflectionCompletionTokens,
      ),
    );
    const first = rows[0]!.startedAt.getTime();
    const seconds = rows.map((r) => Math.round((r.committedAt.getTime() - first) / 100) / 10);
    const wanted = [0, 3, 4, 11];
    const axes = await queryAxisPositions(db.prisma, nativeId, "native", wanted, 2_147_483_647);
    expect(axes).toEqual({
      steps: wanted,
      samples: wanted.map((s) => samples[s]),
      tokens: wanted.map((s) => tokens[s]),
      seconds: wanted.map((s) => seconds[s]),
    });
  });

  test("the overview carries positions for exactly the series' bucket ends, frozen links included", async () => {
    const overview = await getRunOverview({ projectIds: [projectId] }, nativeId);
    const ends = overview.series["rollout/Agg_avg_reward"]!.map((b) => b.step);
    expect(overview.axes.steps).toEqual(ends);
    const frozen = await getRunOverview({ projectIds: [projectId], frozenAtStep: 5 }, nativeId);
    expect(frozen.axes.steps).toEqual([0, 1, 2, 3, 4, 5]);
    expect(frozen.axes.samples).toEqual(overview.axes.samples.slice(0, 6));
  });

  test("the comparison carries each run's own positions for its series", async () => {
    const comparison = await getComparison(
      { projectIds: [projectId] },
      [nativeId, importedId],
      "rollout/Agg_avg_reward",
    );
    for (const run of comparison.runs) {
      expect(run.axes.steps).toEqual(run.series.map((b) => b.step));
      const own = await queryAxisPositions(
        db.prisma,
        run.id,
        run.id === nativeId ? "native" : "imported",
        run.axes.steps,
        2_147_483_647,
      );
      expect(run.axes).toEqual(own);
    }
    expect(comparison.runs.find((r) => r.id === importedId)!.axes.tokens.every((t) => t === null)).toBe(true);
  });

  test("counters that were never kept are not recorded, not zero", async () => {
    const axes = await queryAxisPositions(db.prisma, untokenedId, "native", [0, 1, 2], 2_147_483_647);
    expect(axes.samples).toEqual([null, null, null]);
    expect(axes.tokens).toEqual([null, null, null]);
    expect(axes.seconds).toEqual([0.5, 1.5, 2.5]);
  });
});

describe("tokens some calls did not report", () => {
  async function runWithTokens(name: string): Promise<string> {
    const id = await makeRun(name, "native");
    await db.prisma.step.createMany({
      data: Array.from({ length: 6 }, (_, step) => ({
        runId: id,
        step,
        epoch: 0,
        metrics: { logged: { "rollout/Agg_avg_reward": 0.5 } },
        samplesConsumed: 8,
        policyPromptTokens: 1000,
        policyCompletionTokens: 200,
        startedAt: new Date(T0 + step * 1000),
        committedAt: new Date(T0 + step * 1000 + 500),
      })),
    });
    // Every step's batch reported its counts; the ones a test nulls are the incomplete steps.
    await db.prisma.samplingCall.createMany({
      data: Array.from({ length: 6 }, (_, step) => ({
        runId: id,
        step,
        ordinal: 0,
        requests: 8,
        samples: 8,
        promptTokens: 1000,
        completionTokens: 200,
      })),
    });
    return id;
  }
  const ALL = [0, 1, 2, 3, 4, 5];

  test("a sampling batch without counts makes the total unknown from its step on", async () => {
    const id = await runWithTokens("batch without counts");
    await db.prisma.samplingCall.updateMany({
      where: { runId: id, step: 3 },
      data: { completionTokens: null },
    });
    const axes = await queryAxisPositions(db.prisma, id, "native", ALL, 2_147_483_647);
    expect(axes.tokens).toEqual([1200, 2400, 3600, null, null, null]);
    expect(axes.samples).toEqual([8, 16, 24, 32, 40, 48]);
    // Frozen before the incomplete step, the totals are whole again.
    const frozen = await queryAxisPositions(db.prisma, id, "native", [0, 1, 2], 2);
    expect(frozen.tokens).toEqual([1200, 2400, 3600]);
  });

  test("a reflection call without counts does the same, and the overview's usage agrees", async () => {
    const id = await runWithTokens("reflection without counts");
    await db.prisma.evolutionEvent.create({
      data: {
        runId: id,
        step: 1,
        kind: "mutation",
        status: "ok",
        parentProgramIds: [],
        llmCalls: { create: { ordinal: 0, purpose: "summary", prompt: "p", promptTokens: 40 } },
      },
    });
    const axes = await queryAxisPositions(db.prisma, id, "native", ALL, 2_147_483_647);
    expect(axes.tokens).toEqual([1200, null, null, null, null, null]);
    const overview = await getRunOverview({ projectIds: [projectId] }, id);
    expect(overview.usage.total.reflectionPromptTokens).toBeNull();
    expect(overview.axes.tokens).toEqual(overview.axes.steps.map((s) => (s === 0 ? 1200 : null)));
  });

  test("a run whose first step is incomplete has no tokens axis at all", async () => {
    const id = await runWithTokens("first step incomplete");
    await db.prisma.samplingCall.updateMany({ where: { runId: id, step: 0 }, data: { promptTokens: null } });
    const axes = await queryAxisPositions(db.prisma, id, "native", ALL, 2_147_483_647);
    expect(axes.tokens).toEqual(ALL.map(() => null));
  });
});

describe("imported runs", () => {
  test("samples count the stored rollouts, time sums time/total, tokens are not recorded", async () => {
    const perStep = await db.prisma.rollout.groupBy({
      by: ["step"],
      where: { runId: importedId },
      _count: { _all: true },
      orderBy: { step: "asc" },
    });
    const samples = runningSums(perStep.map((g) => g._count._all));
    const steps = await db.prisma.step.findMany({ where: { runId: importedId }, orderBy: { step: "asc" } });
    const times = steps.map((s) => (s.metrics as { logged: Record<string, number> }).logged["time/total"]);
    const wanted = [0, 5, 8, 9, 11];
    const axes = await queryAxisPositions(db.prisma, importedId, "imported", wanted, 2_147_483_647);
    expect(axes.steps).toEqual(wanted);
    expect(axes.samples).toEqual(wanted.map((s) => samples[s]));
    expect(axes.tokens).toEqual(wanted.map(() => null));
    const known = runningSums(times.slice(0, 9).map((t) => t!));
    // Up to step 8 the logged times add up; from step 9 (no time/total) the total is unknown.
    expect(axes.seconds).toEqual([
      Math.round(known[0]! * 10) / 10,
      Math.round(known[5]! * 10) / 10,
      Math.round(known[8]! * 10) / 10,
      null,
      null,
    ]);
  });

  test("an import that recorded per-step counts is read from the step row, not the rollouts", async () => {
    const id = await makeRun("imported with counts", "imported");
    await db.prisma.step.createMany({
      data: [0, 1, 2].map((step) => ({
        runId: id,
        step,
        epoch: 0,
        metrics: { logged: { "time/total": 10 } },
        samplesConsumed: 36,
        policyPromptTokens: 1000,
        policyCompletionTokens: 500,
        startedAt: new Date(),
      })),
    });
    const axes = await queryAxisPositions(db.prisma, id, "imported", [0, 2], 2_147_483_647);
    expect(axes).toEqual({ steps: [0, 2], samples: [36, 108], tokens: [1500, 4500], seconds: [10, 30] });
  });
});
