/**
 * Fault injection (issue, "how it is proven"): three runs execute at once on the simulator while the
 * worker processes are SIGKILLed 20 times at seeded random points (between steps and in the middle of
 * them) and restarted each time, as `npm start` restarts its worker. Each run must end exactly like the
 * same run executed without interruption: every step once, none lost, and equal steps, metrics,
 * programs, ratings, rollouts, evolution events and checkpoints.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { getDefaultConfig } from "@/lib/espl/config";
import { enqueueRun } from "@/lib/server/runs/controls";
import { executeRunDirectly, createRunningRun } from "./testing/execute-run-directly";
import { snapshotRun } from "./testing/snapshot-run";
import { superviseWorker, type SupervisedWorker } from "./testing/supervised-worker";
import { REAL_WORKER_ENTRY, waitFor, waitForRunStatus } from "./testing/worker-processes";
import { setUpWorkerTestEnvironment } from "./testing/worker-test-environment";

const KILLS = 20;
const SEED = 20_261_206;
const TINY = {
  ...getDefaultConfig(),
  dataset_size: 20,
  batch_size: 4,
  group_size: 2,
  test_group_size: 1,
  n_epochs: 2,
  max_pool_size: 5,
  save_every: 3,
};
const STEPS_PER_RUN = (20 / 4) * 2;
const RUNS = [
  { seed: 11, config: { ...TINY, crossover_prob: 0.5, program_selection_strategy: "lucb" as const } },
  { seed: 12, config: { ...TINY, train_mode: "evolution" as const } },
  { seed: 13, config: { ...TINY, num_parallel_programs: 2, program_selection_strategy: "softmax" as const } },
];
// Short leases so that a takeover takes about a second. The kills are ours, not the runs' fault, so
// poison-run detection is off: it would execute each run taken over alone until its next step (and
// could fail one killed thrice before a step), leaving the other worker idle. poison-run.db.test.ts
// covers it; kill-resume.db.test.ts and worker-takeover.db.test.ts take runs over with it on.
const WORKER_ENV = {
  WORKER_LEASE_TTL_MS: "1000",
  WORKER_HEARTBEAT_MS: "250",
  WORKER_REAPER_MS: "300",
  WORKER_POLL_MS: "100",
  WORKER_CRASH_LIMIT: "0",
};

const env = setUpWorkerTestEnvironment();
const supervisors: SupervisedWorker[] = [];
beforeAll(() => {
  // executeRunDirectly's executor reads the process-wide clients, which read DATABASE_URL.
  process.env.DATABASE_URL = env.db.url;
});
afterAll(async () => {
  for (const supervisor of supervisors) await supervisor.stop();
});

/** mulberry32: kill points reproducible from SEED. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function committedSteps(ids: string[]): Promise<number> {
  const { rows } = await env.db.pool.query(
    `SELECT coalesce(sum(current_step), 0)::int AS n FROM runs WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return rows[0].n;
}

test(`${KILLS} kills across three concurrent runs: each ends exactly like a clean run`, async () => {
  const { prisma, pool } = env.db;
  const project = await prisma.project.create({ data: { name: "faults", slug: "faults" } });
  // Two workers, as two machines would run them, so that the runs keep moving while one restarts;
  // started first, so that their startup overlaps the clean runs.
  for (const name of ["left", "right"])
    supervisors.push(superviseWorker(env.db.url, name, WORKER_ENV, REAL_WORKER_ENTRY));

  const clean: string[] = [];
  for (const run of RUNS) {
    const id = await createRunningRun(prisma, { projectId: project.id, ...run });
    expect(await executeRunDirectly(prisma, id)).toEqual({ kind: "completed" });
    clean.push(id);
  }

  const killed: string[] = [];
  for (const run of RUNS) {
    const created = await prisma.run.create({
      data: { projectId: project.id, name: "killed", trainMode: run.config.train_mode, ...run },
    });
    await enqueueRun(created.id, { prisma, boss: env.boss });
    killed.push(created.id);
  }
  await Promise.all(supervisors.map((s) => s.current().waitForLine(/^worker ready$/, 60_000)));
  const random = seededRandom(SEED);
  const total = STEPS_PER_RUN * RUNS.length;
  for (let kill = 1; kill <= KILLS; kill++) {
    // Spread over the runs' whole progress: kill k once k/(KILLS+1) of all steps are committed…
    const threshold = Math.floor((kill * total) / (KILLS + 1));
    await waitFor(
      `${threshold} steps committed before kill ${kill}`,
      async () => ((await committedSteps(killed)) >= threshold ? true : undefined),
      { timeoutMs: 60_000, intervalMs: 20 },
    );
    // …then anywhere from right after a commit to the middle of the next step.
    const delayMs = random() * 300;
    const pick = random();
    await new Promise((r) => setTimeout(r, delayMs));
    // A live worker, not one still starting (the one that committed the steps is live); its
    // successor starts while the other worker goes on.
    const isLive = (s: SupervisedWorker) => s.current().lines.includes("worker ready");
    if (!supervisors.some(isLive))
      await Promise.race(supervisors.map((s) => s.current().waitForLine(/^worker ready$/, 60_000)));
    const live = supervisors.filter(isLive);
    const victim = live[Math.floor(pick * live.length)]!;
    await victim.killAndRestart({ ready: false });
  }
  for (const id of killed) await waitForRunStatus(prisma, id, "completed", 60_000);

  expect(supervisors.reduce((n, s) => n + s.exits(), 0)).toBe(KILLS);
  for (const [i, id] of killed.entries()) {
    const steps = await pool.query(`SELECT step FROM steps WHERE run_id = $1 ORDER BY step`, [id]);
    expect(
      steps.rows.map((r) => r.step),
      `run ${i}: every step once`,
    ).toEqual(Array.from({ length: STEPS_PER_RUN }, (_, s) => s));
    const expected = await snapshotRun(pool, clean[i]!);
    const actual = await snapshotRun(pool, id);
    for (const table of Object.keys(expected))
      expect(actual[table], `run ${i}: ${table}`).toEqual(expected[table]);
  }
}, 180_000);
