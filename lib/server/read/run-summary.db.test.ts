import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createProjectRow, createRunRow } from "@/lib/server/auth/testing/auth-fixtures";
import { AppError } from "@/lib/domain/errors";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { getRunSummaries, getRunSummary } from "./run-summary";

let db: TestDatabase;
let projectId: string;
let shared: string;
let hidden: string;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  projectId = (await createProjectRow(db.prisma)).id;
  shared = (await createRunRow(db.prisma, projectId, "shared")).id;
  hidden = (await createRunRow(db.prisma, projectId, "hidden")).id;
  await db.prisma.run.update({ where: { id: shared }, data: { currentStep: 5 } });
  await db.prisma.step.createMany({
    data: [1, 2, 3, 4, 5].map((step) => ({
      runId: shared,
      step,
      epoch: 0,
      metrics: { "testing/pass@1": step / 10 },
      startedAt: new Date(),
    })),
  });
});
afterAll(() => db.drop());

describe("getRunSummaries", () => {
  test("a share scope reads only its runs", async () => {
    const runs = await getRunSummaries({ projectIds: [projectId], runIds: [shared] });
    expect(runs.map((r) => r.name)).toEqual(["shared"]);
    expect(runs[0]!.steps.map((s) => s.step)).toEqual([1, 2, 3, 4, 5]);
  });

  test("a frozen scope shows the run as it was at its step", async () => {
    const [run] = await getRunSummaries({ projectIds: [projectId], runIds: [shared], frozenAtStep: 3 });
    expect(run!.steps.map((s) => s.step)).toEqual([1, 2, 3]);
    expect(run!.currentStep).toBe(3);
  });

  test("a run outside the scope is not found, even by id", async () => {
    await expect(getRunSummary({ projectIds: [projectId], runIds: [shared] }, hidden)).rejects.toBeInstanceOf(
      AppError,
    );
    await expect(getRunSummary({ projectIds: [] }, shared)).rejects.toMatchObject({ code: "not_found" });
    expect((await getRunSummary({ projectIds: [projectId] }, hidden)).name).toBe("hidden");
  });

  test("a native step's nested metrics come out as its flat logged line", async () => {
    const native = (await createRunRow(db.prisma, projectId, "native")).id;
    await db.prisma.step.create({
      data: {
        runId: native,
        step: 0,
        epoch: 0,
        metrics: {
          rollout: { Agg_avg_reward: 0.5 },
          test: { "Pass@1": 0.25 },
          logged: { step: 0, "rollout/Agg_avg_reward": 0.5, "testing/Pass@1": 0.25, note: "text" },
        },
        startedAt: new Date(),
      },
    });
    const run = await getRunSummary({ projectIds: [projectId] }, native);
    expect(run.steps[0]!.metrics).toEqual({ "rollout/Agg_avg_reward": 0.5, "testing/Pass@1": 0.25 });
  });
});
