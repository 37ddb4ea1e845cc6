/**
 * The group read on stored rows: the results table's numbers equal those recomputed from each run's
 * stored steps (not from the buckets the read goes through), its curves align, and it is scoped.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createProjectRow } from "@/lib/server/auth/testing/auth-fixtures";
import { seedExperimentGroup, type SeededGroup } from "@/lib/tools/bench/group/seed-group";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { aggregateAligned, computeMeanInterval } from "@/lib/view/experiments/statistics";
import { readExperimentGroups } from "./experiment-groups";

let db: TestDatabase;
let projectId: string;
let group: SeededGroup;
// 2,100 planned steps: a bucket width of 3, so the read goes through multi-step buckets.
const STEPS = 2_100;

beforeAll(async () => {
  db = await createTestDatabase();
  projectId = (await createProjectRow(db.prisma)).id;
  group = await seedExperimentGroup(db.prisma, { projectId, name: "seeded", runs: 5, steps: STEPS });
});
afterAll(() => db?.drop());

/** Final and best of one key for one run, straight from its steps. */
async function recompute(runId: string, key: string): Promise<{ final: number; best: number }> {
  const steps = await db.prisma.step.findMany({
    where: { runId },
    orderBy: { step: "asc" },
    select: { metrics: true },
  });
  const values = steps.map((s) => (s.metrics as { logged: Record<string, number> }).logged[key]!);
  return { final: values[values.length - 1]!, best: Math.max(...values) };
}

describe("readExperimentGroups", () => {
  test("the table's numbers equal those recomputed from each run's stored steps", async () => {
    const read = await readExperimentGroups(db.prisma, { projectIds: [projectId] }, group.experimentId, {
      by: "crossover_prob",
    });
    expect(read.bucketWidth).toBe(3);
    expect(read.table.metricKeys).toEqual(["testing/Pass@1", "testing/Pass@2", "testing/Pass@4"]);
    expect(read.table.groups.map((g) => [g.label, g.runIds.length])).toEqual([
      ["crossover_prob=0", 3],
      ["crossover_prob=0.5", 2],
    ]);
    for (const g of read.table.groups)
      for (const key of read.table.metricKeys) {
        const own = await Promise.all(g.runIds.map((id) => recompute(id, key)));
        const final = computeMeanInterval(own.map((v) => v.final))!;
        const best = computeMeanInterval(own.map((v) => v.best))!;
        expect(g.metrics[key]!.final!.mean).toBeCloseTo(final.mean, 12);
        expect(g.metrics[key]!.final!.lower).toBeCloseTo(final.lower!, 12);
        expect(g.metrics[key]!.final!.upper).toBeCloseTo(final.upper!, 12);
        expect(g.metrics[key]!.best!.mean).toBeCloseTo(best.mean, 12);
        expect(g.metrics[key]!.best!.upper).toBeCloseTo(best.upper!, 12);
        expect(g.metrics[key]!.final!.n).toBe(g.runIds.length);
      }
    // Seeds 1, 2 ran in both settings (seed 3 only with crossover_prob=0): two pairs.
    const diff = read.table.differences.find((d) => d.metric === "testing/Pass@1" && d.kind === "final")!;
    expect(diff.difference!.seeds).toEqual([1, 2]);
  });

  test("curves: every aligned point equals the t-interval recomputed from the runs' stored steps", async () => {
    const read = await readExperimentGroups(db.prisma, { projectIds: [projectId] }, group.experimentId, {
      by: "experiment",
      keys: ["rollout/Agg_avg_reward"],
      lines: true,
    });
    const [all] = read.curves;
    const curve = all!.curves["rollout/Agg_avg_reward"]!;
    expect(curve).toHaveLength(STEPS / 3);
    // Each run's value at each bucket's last step, straight from the steps, aggregated by the pure function.
    const perRun = await Promise.all(
      group.runIds.map(async (runId) => {
        const steps = await db.prisma.step.findMany({ where: { runId }, orderBy: { step: "asc" } });
        return steps
          .filter((s) => s.step % 3 === 2)
          .map((s) => ({
            x: s.step,
            y: (s.metrics as { logged: Record<string, number> }).logged["rollout/Agg_avg_reward"]!,
          }));
      }),
    );
    const expected = aggregateAligned(perRun);
    expect(curve.map((p) => p.x)).toEqual(expected.map((p) => p.x));
    for (const [i, point] of curve.entries()) {
      expect(point.n).toBe(5);
      expect(point.mean).toBeCloseTo(expected[i]!.mean, 9);
      expect(point.lower).toBeCloseTo(expected[i]!.lower!, 9);
      expect(point.upper).toBeCloseTo(expected[i]!.upper!, 9);
    }
    // Each run's own line, thinned to ≤ 250 points and ending on its last bucket.
    expect(all!.runs).toHaveLength(5);
    const line = all!.runs[0]!.points["rollout/Agg_avg_reward"]!;
    expect(line.length).toBeLessThanOrEqual(251);
    expect(line.at(-1)!.x).toBe(STEPS - 1);
  });

  test("a run still going: its open bucket counts, read from its steps", async () => {
    const live = await seedExperimentGroup(db.prisma, { projectId, name: "live", runs: 2, steps: 2_000 });
    // Width 2: cache the 1,000 completed buckets, then one more step of run 0 opens bucket 1,000 (x 2,001).
    await readExperimentGroups(db.prisma, { projectIds: [projectId] }, live.experimentId, {
      by: "experiment",
    });
    await db.prisma.step.create({
      data: {
        runId: live.runIds[0]!,
        step: 2_000,
        epoch: 0,
        selectedProgramIds: [],
        metrics: { logged: { "testing/Pass@1": 0.99 } },
        startedAt: new Date(),
      },
    });
    const read = await readExperimentGroups(db.prisma, { projectIds: [projectId] }, live.experimentId, {
      by: "experiment",
    });
    const curve = read.curves[0]!.curves["testing/Pass@1"]!;
    expect(curve.at(-1)).toMatchObject({ x: 2_001, n: 1, mean: 0.99 });
    expect(curve.at(-2)).toMatchObject({ x: 1_999, n: 2 });
    const row = read.table.runs.find((r) => r.id === live.runIds[0])!;
    expect(row.values["testing/Pass@1"]).toEqual({ final: 0.99, best: 0.99 });
  });

  test("scoped: another project's members and share links find no experiment", async () => {
    const other = await createProjectRow(db.prisma);
    await expect(
      readExperimentGroups(db.prisma, { projectIds: [other.id] }, group.experimentId, { by: "settings" }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      readExperimentGroups(
        db.prisma,
        { projectIds: [projectId], runIds: [group.runIds[0]!] },
        group.experimentId,
        {
          by: "settings",
        },
      ),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      readExperimentGroups(db.prisma, { projectIds: [projectId] }, "not-a-uuid", { by: "settings" }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});
