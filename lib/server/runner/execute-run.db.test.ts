import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { getPgPool } from "@/lib/server/db/pg-pool";
import type { EngineState } from "@/lib/espl/iteration/engine-state";
import { runExperiment } from "@/lib/espl/iteration/run-experiment";
import type { IterationResult } from "@/lib/espl/iteration/types";
import { commitStep } from "./persist-step";
import { createRunBackends } from "./run-backends";
import { loadRunProblems } from "./run-problems";
import { createRunningRun, executeRunDirectly, SMALL_RUN_CONFIG } from "./testing/execute-run-directly";
import { snapshotRun } from "./testing/snapshot-run";

let db: TestDatabase;
let projectId: string;

// Small enough to run in seconds, large enough for crossover, eviction and a periodic checkpoint.
const CONFIG = {
  ...SMALL_RUN_CONFIG,
  crossover_prob: 0.5,
  program_selection_strategy: "lucb" as const,
  save_every: 3,
};
const TOTAL_STEPS = (16 / 4) * 2;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  projectId = (await db.prisma.project.create({ data: { name: "P", slug: "p" } })).id;
});
afterAll(() => db.drop());

const createRun = (seed: number) => createRunningRun(db.prisma, { projectId, seed, config: CONFIG });

describe("executeRun on the simulator", () => {
  test("runs every step and stores all of each step's results", async () => {
    const runId = await createRun(11);
    expect(await executeRunDirectly(db.prisma, runId)).toEqual({ kind: "completed" });
    const count = async (sql: string) => Number((await db.pool.query(sql, [runId])).rows[0].n);
    expect(await count("SELECT count(*) n FROM steps WHERE run_id = $1")).toBe(TOTAL_STEPS);
    const k = CONFIG.num_parallel_programs;
    const trainPerStep = k * CONFIG.batch_size * CONFIG.group_size;
    const testProblems = await count(
      "SELECT test_count n FROM datasets d JOIN runs r ON r.dataset_id = d.id WHERE r.id = $1",
    );
    expect(await count("SELECT count(*) n FROM rollouts WHERE run_id = $1 AND split = 'train'")).toBe(
      TOTAL_STEPS * trainPerStep,
    );
    expect(await count("SELECT count(*) n FROM rollouts WHERE run_id = $1 AND split = 'test'")).toBe(
      TOTAL_STEPS * testProblems * CONFIG.test_group_size,
    );
    expect(
      await count(
        "SELECT count(*) n FROM rollout_texts t JOIN rollouts r ON r.id = t.rollout_id WHERE r.run_id = $1",
      ),
    ).toBe(TOTAL_STEPS * (trainPerStep + testProblems * CONFIG.test_group_size));
    expect(await count("SELECT count(*) n FROM evaluations WHERE run_id = $1")).toBe(TOTAL_STEPS);
    // Every non-root program has its parents as edges, and the pool never exceeded its size.
    const orphans = await count(
      "SELECT count(*) n FROM programs p WHERE run_id = $1 AND origin <> 'root' AND NOT EXISTS (SELECT 1 FROM program_edges e WHERE e.child_id = p.id)",
    );
    expect(orphans).toBe(0);
    const alive = await count(
      "SELECT count(*) n FROM programs WHERE run_id = $1 AND evicted_at_step IS NULL",
    );
    expect(alive).toBeLessThanOrEqual(CONFIG.max_pool_size);
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.currentStep).toBe(TOTAL_STEPS);
    expect(run.totalSteps).toBe(TOTAL_STEPS);
    expect(run.bestTestPass1).not.toBeNull();
    const checkpoints = await db.prisma.checkpoint.findMany({ where: { runId }, orderBy: { step: "asc" } });
    expect(checkpoints.map((c) => c.name)).toContain("final");
  });

  test("a run paused and resumed twice ends with exactly the database state of an uninterrupted run", async () => {
    const straight = await createRun(5);
    expect(await executeRunDirectly(db.prisma, straight)).toEqual({ kind: "completed" });

    const interrupted = await createRun(5);
    expect(await executeRunDirectly(db.prisma, interrupted, { pauseAfterSteps: 3 })).toEqual({
      kind: "paused",
    });
    expect((await db.prisma.run.findUniqueOrThrow({ where: { id: interrupted } })).currentStep).toBe(3);
    expect(await executeRunDirectly(db.prisma, interrupted, { pauseAfterSteps: 6 })).toEqual({
      kind: "paused",
    });
    expect(await executeRunDirectly(db.prisma, interrupted)).toEqual({ kind: "completed" });

    const a = await snapshotRun(db.pool, straight);
    const b = await snapshotRun(db.pool, interrupted);
    for (const table of Object.keys(a)) expect(b[table], table).toEqual(a[table]);
  });

  test("so does an evolution-only run (no weight updates: the simulator's sampling counts must survive)", async () => {
    const config = { ...CONFIG, train_mode: "evolution" as const };
    const straight = await createRunningRun(db.prisma, { projectId, seed: 12, config });
    expect(await executeRunDirectly(db.prisma, straight)).toEqual({ kind: "completed" });
    const interrupted = await createRunningRun(db.prisma, { projectId, seed: 12, config });
    // Paused in the first epoch, resumed into the second, where the same problems come back.
    expect(await executeRunDirectly(db.prisma, interrupted, { pauseAfterSteps: 3 })).toEqual({
      kind: "paused",
    });
    expect(await executeRunDirectly(db.prisma, interrupted)).toEqual({ kind: "completed" });
    const a = await snapshotRun(db.pool, straight);
    const b = await snapshotRun(db.pool, interrupted);
    for (const table of Object.keys(a)) expect(b[table], table).toEqual(a[table]);
  });

  test("committing a step that is already stored is refused without writing anything", async () => {
    const runId = await createRun(3);
    await executeRunDirectly(db.prisma, runId, { pauseAfterSteps: 2 });
    const before = await snapshotRun(db.pool, runId);
    const problems = await loadRunProblems(
      db.prisma,
      (await db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).datasetId!,
    );
    const backends = createRunBackends(
      { policy: null, reflection: null },
      { runId, seed: 3, config: { ...CONFIG, seed: 3 }, problems },
    );
    // Replay step 1 from the state after step 0 and commit it again: the stored step 1 must win.
    let replayed: IterationResult | null = null;
    let replayedState: EngineState | null = null;
    await runExperiment(
      {
        config: { ...CONFIG, seed: 3 },
        train: problems.train,
        test: problems.test,
        maxSteps: 1,
        resumeFrom: await stateAfter(0),
      },
      {
        backend: backends.policy,
        chat: backends.reflect,
        store: {
          commitStep: async (result, state) => {
            replayed = result;
            replayedState = state;
          },
        },
      },
    );
    expect(replayed!.step).toBe(1);
    const outcome = await commitStep(getPgPool(), {
      runId,
      leaseOwner: null,
      result: replayed!,
      engineState: replayedState!,
      backendState: null,
      totalSteps: TOTAL_STEPS,
      problemIds: problems.problemIds,
      startedAt: new Date(),
    });
    expect(outcome).toBe("already_committed");
    expect(await snapshotRun(db.pool, runId)).toEqual(before);
  });
});

/** The engine state stored after `step`, from a fresh run with the same seed paused right after it. */
async function stateAfter(step: number): Promise<EngineState> {
  const copy = await createRun(3);
  await executeRunDirectly(db.prisma, copy, { pauseAfterSteps: step + 1 });
  const saved = await db.prisma.run.findUniqueOrThrow({ where: { id: copy }, select: { engineState: true } });
  return (saved.engineState as unknown as { engine: EngineState }).engine;
}
