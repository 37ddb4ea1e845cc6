/**
 * Launching an experiment writes exactly the grid (sweep settings × seeds) with the right configs and
 * seeds, all or nothing; bad specs are refused naming the key; group controls reach every run.
 */
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AppError } from "@/lib/domain/errors";
import { startBoss } from "@/lib/server/queue/boss";
import { ensureDefaultProject } from "@/lib/server/runs/create-run";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { controlExperiment } from "./control-experiment";
import { launchExperiment } from "./launch-experiment";

let db: TestDatabase;
let boss: PgBoss;
let projectId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  boss = await startBoss(db.url);
  projectId = (await ensureDefaultProject(db.prisma)).id;
});
afterAll(async () => {
  await boss?.stop({ graceful: false });
  await db?.drop();
});

const small = { dataset_size: 4, batch_size: 2, n_epochs: 1 };

async function refusalOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("launchExperiment", () => {
  test("a sweep creates exactly the cross product of runs, with the right configs and seeds", async () => {
    const { experiment, runs } = await launchExperiment(
      db.prisma,
      {
        projectId,
        name: "grid",
        preset: "espl-lucb",
        config: small,
        seeds: "1-3",
        sweep: ["crossover_prob=0,0.5", "program_selection_strategy=uniform,lucb"],
      },
      { boss },
    );
    const stored = await db.prisma.run.findMany({ where: { experimentId: experiment.id } });
    expect(stored).toHaveLength(12);
    expect(runs.map((r) => r.id).sort()).toEqual(stored.map((r) => r.id).sort());
    const cells = stored.map((run) => {
      const config = run.config as Record<string, unknown>;
      expect(config.seed).toBe(run.seed);
      expect(config.batch_size).toBe(2);
      expect(run.status).toBe("queued");
      return `${String(config.crossover_prob)}|${String(config.program_selection_strategy)}|${run.seed}`;
    });
    const expected: string[] = [];
    for (const p of [0, 0.5])
      for (const s of ["uniform", "lucb"]) for (const seed of [1, 2, 3]) expected.push(`${p}|${s}|${seed}`);
    expect(cells.sort()).toEqual(expected.sort());
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE singleton_key = ANY($1) AND state = 'created'`,
      [stored.map((r) => r.id)],
    );
    expect(rows[0].n).toBe(12);
  });

  test("a bad sweep value is refused naming the key, and nothing is written", async () => {
    const before = await db.prisma.run.count();
    const error = await refusalOf(
      launchExperiment(
        db.prisma,
        { projectId, name: "bad", config: small, seeds: "1,2", sweep: ["crossover_prob=0,7"] },
        { boss },
      ),
    );
    expect(error.code).toBe("bad_request");
    expect(error.message).toMatch(/sweep\.crossover_prob: crossover_prob: must be/);
    expect(error.fields).toHaveProperty(["sweep.crossover_prob"]);
    expect(await db.prisma.run.count()).toBe(before);
    expect(await db.prisma.experiment.count({ where: { name: "bad" } })).toBe(0);
  });

  test("bad seeds and unknown keys are named", async () => {
    const seeds = await refusalOf(
      launchExperiment(db.prisma, { projectId, name: "s", seeds: "1-x" }, { boss }),
    );
    expect(seeds.message).toContain('seeds: "1-x" is not a seed');
    const key = await refusalOf(
      launchExperiment(db.prisma, { projectId, name: "k", sweep: ["crossover=0,1"] }, { boss }),
    );
    expect(key.message).toContain("sweep.crossover: crossover: unknown configuration key");
  });

  test("a config a run refuses (past the dataset) writes no run and no experiment", async () => {
    const before = await db.prisma.run.count();
    const error = await refusalOf(
      launchExperiment(
        db.prisma,
        { projectId, name: "too big", config: small, seeds: [1], sweep: ["dataset_size=4,100000"] },
        { boss },
      ),
    );
    expect(error.code).toBe("bad_request");
    expect(await db.prisma.run.count()).toBe(before);
    expect(await db.prisma.experiment.count({ where: { name: "too big" } })).toBe(0);
  });

  test("a taken name is a conflict that says so", async () => {
    await launchExperiment(db.prisma, { projectId, name: "twice", config: small, seeds: [1] }, { boss });
    const error = await refusalOf(
      launchExperiment(db.prisma, { projectId, name: "twice", config: small, seeds: [2] }, { boss }),
    );
    expect(error).toMatchObject({
      code: "conflict",
      message: expect.stringContaining('"twice" already exists'),
    });
  });
});

describe("controlExperiment", () => {
  test("pause, resume and cancel reach every run of the group", async () => {
    const { experiment, runs } = await launchExperiment(
      db.prisma,
      { projectId, name: "controlled", config: small, seeds: "1-4" },
      { boss },
    );
    // One run is held by a worker: its pause is a request, taken up at its next step.
    await db.prisma.run.update({ where: { id: runs[0]!.id }, data: { status: "running" } });
    // One run has already finished: the group pause leaves it as it is and says why.
    await db.prisma.run.update({ where: { id: runs[3]!.id }, data: { status: "completed" } });
    const target = { experimentId: experiment.id, projectId };

    const paused = await controlExperiment(db.prisma, target, "pause", { boss });
    expect(paused.changed.map((c) => c.runId).sort()).toEqual(
      runs
        .slice(0, 3)
        .map((r) => r.id)
        .sort(),
    );
    expect(paused.skipped).toEqual([
      { runId: runs[3]!.id, reason: expect.stringContaining("already completed") },
    ]);
    const afterPause = await db.prisma.run.findMany({
      where: { experimentId: experiment.id },
      orderBy: { createdAt: "asc" },
    });
    expect(afterPause.map((r) => [r.status, r.control])).toEqual([
      ["running", "pause"],
      ["paused", "none"],
      ["paused", "none"],
      ["completed", "none"],
    ]);

    const resumed = await controlExperiment(db.prisma, target, "resume", { boss });
    expect(resumed.changed).toHaveLength(3);

    const cancelled = await controlExperiment(db.prisma, target, "cancel", { boss });
    expect(cancelled.changed).toHaveLength(3);
    const afterCancel = await db.prisma.run.findMany({
      where: { experimentId: experiment.id },
      orderBy: { createdAt: "asc" },
    });
    expect(afterCancel.map((r) => [r.status, r.control])).toEqual([
      ["running", "cancel"],
      ["cancelled", "none"],
      ["cancelled", "none"],
      ["completed", "none"],
    ]);
  });

  test("another project's experiment is not found", async () => {
    const { experiment } = await launchExperiment(
      db.prisma,
      { projectId, name: "mine", config: small, seeds: [1] },
      { boss },
    );
    const other = await db.prisma.project.create({ data: { name: "other", slug: "other-exp" } });
    const error = await refusalOf(
      controlExperiment(db.prisma, { experimentId: experiment.id, projectId: other.id }, "cancel", { boss }),
    );
    expect(error.code).toBe("not_found");
  });

  test("a malformed experiment id is not found, as the dashboard's and the API's routes both answer", async () => {
    const error = await refusalOf(
      controlExperiment(db.prisma, { experimentId: "not-a-uuid", projectId }, "pause", { boss }),
    );
    expect(error.code).toBe("not_found");
  });
});
