/**
 * The comparison against stored rows: one series per picked metric for every run (the values are the
 * stored ones), scoped, and a prompt for every run: the best program's, or an RL-only run's root
 * program (its initial principles) rather than nothing.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { getComparison } from "./compare-runs";

let db: TestDatabase;
let projectId: string;
let evolvedId: string;
let rlId: string;
let foreignId: string;
const STEPS = 6;
const value = (run: number, metric: number, step: number) => run * 0.1 + metric * 0.01 + step / 1000;

async function makeRun(name: string, trainMode: "evolution_rl" | "rl", inProject: string, n: number) {
  const run = await db.prisma.run.create({
    data: {
      projectId: inProject,
      name,
      status: "completed",
      trainMode,
      config: {},
      seed: 1,
      totalSteps: STEPS,
    },
  });
  await db.prisma.step.createMany({
    data: Array.from({ length: STEPS }, (_, step) => ({
      runId: run.id,
      step,
      epoch: 0,
      metrics: {
        logged: { "testing/Pass@1": value(n, 1, step), "rollout/Agg_avg_reward": value(n, 2, step) },
      },
      startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, step)),
      committedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, step, 500)),
    })),
  });
  return run.id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  projectId = (await db.prisma.project.create({ data: { name: "Cmp", slug: "cmp" } })).id;
  const other = (await db.prisma.project.create({ data: { name: "Other", slug: "other" } })).id;
  evolvedId = await makeRun("evolved", "evolution_rl", projectId, 1);
  rlId = await makeRun("rl only", "rl", projectId, 2);
  foreignId = await makeRun("foreign", "rl", other, 3);
  const program = (runId: string, programId: number, origin: "root" | "mutation", text: string) =>
    db.prisma.program.create({
      data: { runId, programId, origin, birthStep: -1, mu: 25, sigma: 8, principles: [{ id: "G0", text }] },
    });
  await program(evolvedId, 0, "root", "evolved root");
  await program(evolvedId, 3, "mutation", "evolved best");
  await db.prisma.run.update({ where: { id: evolvedId }, data: { bestProgramId: 3 } });
  await program(rlId, 0, "root", "show your work");
});
afterAll(async () => {
  await db?.drop();
});

test("one series per picked metric, equal to the stored values; runs outside the scope left out", async () => {
  const metrics = ["rollout/Agg_avg_reward", "testing/Pass@1"];
  const c = await getComparison({ projectIds: [projectId] }, [rlId, foreignId, evolvedId], metrics);
  expect(c.metrics).toEqual(metrics);
  expect(c.runs.map((r) => r.name)).toEqual(["rl only", "evolved"]);
  for (const [r, n] of [
    [c.runs[0]!, 2],
    [c.runs[1]!, 1],
  ] as const) {
    expect(Object.keys(r.seriesByMetric)).toEqual(metrics);
    expect(r.seriesByMetric["testing/Pass@1"]!.map((b) => b.last)).toEqual(
      Array.from({ length: STEPS }, (_, s) => value(n, 1, s)),
    );
    expect(r.seriesByMetric["rollout/Agg_avg_reward"]!.map((b) => b.last)).toEqual(
      Array.from({ length: STEPS }, (_, s) => value(n, 2, s)),
    );
    // The first metric stays in `series` for single-chart callers.
    expect(r.series).toEqual(r.seriesByMetric["rollout/Agg_avg_reward"]);
    expect(r.axes.steps).toEqual(Array.from({ length: STEPS }, (_, s) => s));
  }
});

test("the prompt card: the best program's principles, an RL-only run's root program", async () => {
  const c = await getComparison({ projectIds: [projectId] }, [evolvedId, rlId], "testing/Pass@1");
  const [evolved, rl] = c.runs;
  expect(evolved!.prompt).toEqual({
    kind: "best",
    programId: 3,
    principles: [{ id: "G0", text: "evolved best" }],
  });
  expect(rl!.trainMode).toBe("rl");
  expect(rl!.prompt).toEqual({
    kind: "root",
    programId: 0,
    principles: [{ id: "G0", text: "show your work" }],
  });
  // A frozen share link does not reveal the (later) best program, but the root existed from the start.
  const frozen = await getComparison(
    { projectIds: [projectId], frozenAtStep: 2 },
    [evolvedId],
    "testing/Pass@1",
  );
  expect(frozen.runs[0]!.prompt).toMatchObject({ kind: "root", programId: 0 });
  expect(frozen.runs[0]!.series).toHaveLength(3);
});
