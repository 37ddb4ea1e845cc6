/**
 * Resume after kill -9, with the real executor on the simulator: a run whose worker process is killed at
 * random moments (between and in the middle of steps), several times, and taken over by fresh workers,
 * ends with exactly the database state of an uninterrupted run with the same seed.
 */
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, expect, test } from "vitest";
import { getDefaultConfig } from "@/lib/espl/config";
import { startBoss } from "@/lib/server/queue/boss";
import { enqueueRun } from "@/lib/server/runs/controls";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { executeRun } from "./execute-run";
import { snapshotRun } from "./testing/snapshot-run";
import {
  FAST_LEASES,
  killWorkers,
  REAL_WORKER_ENTRY,
  spawnWorker,
  waitFor,
  waitForRunStatus,
  type WorkerProcess,
} from "./testing/worker-processes";

const CONFIG = {
  ...getDefaultConfig(),
  dataset_size: 48,
  batch_size: 4,
  group_size: 2,
  test_group_size: 2,
  // Enough steps that three kills, each a few steps apart, always land before the end: the simulator
  // commits a step in tens of milliseconds, so a worker may run several steps past its threshold.
  n_epochs: 6,
  max_pool_size: 5,
  choose_from_most_recent: 5,
  crossover_prob: 0.5,
  program_selection_strategy: "lucb" as const,
  save_every: 4,
};
const TOTAL_STEPS = (48 / 4) * 6;

let db: TestDatabase;
let boss: PgBoss;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  boss = await startBoss(db.url);
});
afterAll(async () => {
  await killWorkers(workers);
  await boss?.stop({ graceful: false });
  await db?.drop();
});

async function createRun(projectId: string, name: string): Promise<string> {
  const run = await db.prisma.run.create({
    data: { projectId, name, trainMode: "evolution_rl", config: CONFIG, seed: 42 },
  });
  return run.id;
}

test("killed three times at random moments, the run ends exactly like an uninterrupted one", async () => {
  const project = await db.prisma.project.create({ data: { name: "kill", slug: "kill" } });
  const straight = await createRun(project.id, "straight");
  await db.prisma.run.update({ where: { id: straight }, data: { status: "running" } });
  expect(
    await executeRun({
      runId: straight,
      prisma: db.prisma,
      signal: new AbortController().signal,
      pendingControl: async () => null,
      setStatusDetail: async () => {},
    }),
  ).toEqual({ kind: "completed" });
  // What the worker does with a completed outcome; done before any worker starts, so none touches it.
  await db.prisma.run.update({ where: { id: straight }, data: { status: "completed" } });

  const killed = await createRun(project.id, "killed");
  await enqueueRun(killed, { prisma: db.prisma, boss });
  for (let kill = 0; kill < 3; kill++) {
    // One worker at a time, so whoever advances the run now is this worker.
    const worker = spawnWorker(db.url, `victim-${kill}`, FAST_LEASES, REAL_WORKER_ENTRY);
    workers.push(worker);
    const from = (await db.prisma.run.findUniqueOrThrow({ where: { id: killed } })).currentStep;
    // Never past where the remaining kills still have steps to land on.
    const threshold = Math.min(from + 1 + Math.floor(Math.random() * 3), TOTAL_STEPS - 12 * (3 - kill));
    const reached = await waitFor(
      `step ${threshold} committed (${worker.id})`,
      async () => {
        const run = await db.prisma.run.findUniqueOrThrow({ where: { id: killed } });
        return run.currentStep >= threshold ? run : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 20 },
    );
    expect(reached.status, "the run must still be running when it is killed").toBe("running");
    // Anywhere from right after a commit to the middle of the next step.
    await new Promise((r) => setTimeout(r, Math.random() * 400));
    worker.child.kill("SIGKILL");
    await worker.exited;
  }
  const finisher = spawnWorker(db.url, "finisher", FAST_LEASES, REAL_WORKER_ENTRY);
  workers.push(finisher);
  await waitForRunStatus(db.prisma, killed, "completed", 90_000);

  const steps = await db.pool.query("SELECT step FROM steps WHERE run_id = $1 ORDER BY step", [killed]);
  expect(steps.rows.map((r) => r.step)).toEqual(Array.from({ length: TOTAL_STEPS }, (_, i) => i));
  const expected = await snapshotRun(db.pool, straight);
  const actual = await snapshotRun(db.pool, killed);
  for (const table of Object.keys(expected)) expect(actual[table], table).toEqual(expected[table]);
}, 240_000);
