/**
 * Poison-run detection (issue item 2): a run that kills its worker every time it is executed (as a run
 * too big for the worker's heap did, 11 times, taking the worker's other runs down each time) is failed
 * after WORKER_CRASH_LIMIT crashes with a message in words, and the runs beside it complete with every
 * step exactly once. The worker is restarted after each crash, as `npm start` does.
 */
import { afterAll, expect, test } from "vitest";
import { enqueueRun } from "@/lib/server/runs/controls";
import { poisonRunMessage } from "./worker-session";
import { superviseWorker, type SupervisedWorker } from "./testing/supervised-worker";
import { createFakeRun, waitForRunStatus, type FakeRunConfig } from "./testing/worker-processes";
import { setUpWorkerTestEnvironment } from "./testing/worker-test-environment";

const env = setUpWorkerTestEnvironment();
let supervisor: SupervisedWorker | undefined;
afterAll(async () => supervisor?.stop());

// Short leases so that a dead worker's runs are taken over in about a second.
const FAST = {
  WORKER_LEASE_TTL_MS: "1000",
  WORKER_HEARTBEAT_MS: "250",
  WORKER_REAPER_MS: "300",
  WORKER_POLL_MS: "100",
  WORKER_CONCURRENCY: "4",
  WORKER_CRASH_LIMIT: "3",
};

async function launch(fake: FakeRunConfig): Promise<string> {
  const id = await createFakeRun(env.db.prisma, fake);
  await enqueueRun(id, { prisma: env.db.prisma, boss: env.boss });
  return id;
}

async function stepsOf(id: string): Promise<number[]> {
  const { rows } = await env.db.pool.query(`SELECT step FROM steps WHERE run_id = $1 ORDER BY step`, [id]);
  return rows.map((r) => r.step);
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

test("a run that crashes its worker is failed after 3 crashes; the runs beside it complete", async () => {
  const innocent = [await launch({ steps: 12, stepMs: 40 }), await launch({ steps: 12, stepMs: 40 })];
  const poison = await launch({ steps: 5, stepMs: 40, crashAtStep: 2 });
  supervisor = superviseWorker(env.db.url, "poisoned", FAST);

  const failed = await waitForRunStatus(env.db.prisma, poison, "failed", 60_000);
  expect(failed).toMatchObject({
    error: poisonRunMessage(3),
    crashCount: 3,
    currentStep: 1,
    leaseOwner: null,
  });
  for (const id of innocent) {
    const run = await waitForRunStatus(env.db.prisma, id, "completed", 30_000);
    expect(run).toMatchObject({ currentStep: 12, error: null });
    expect(await stepsOf(id), "each step exactly once").toEqual(range(12));
  }
  expect(await stepsOf(poison)).toEqual([1]);
  // Exactly the three crashes: once the run is failed nothing kills the worker any more.
  const { rows } = await env.db.pool.query(
    `SELECT count(*)::int AS n FROM fake_events WHERE run_id = $1 AND kind = 'crash'`,
    [poison],
  );
  expect(rows[0].n).toBe(3);
  expect(supervisor.exits()).toBe(3);
  const lines = supervisor.generations.flatMap((w) => w.lines);
  expect(lines.filter((l) => l.includes(`event=poison_run run=${poison} crashes=3`))).toHaveLength(1);
  // After its first crash it was only claimed alone (the third of these claims failed it at once)…
  const suspectClaims = lines.filter(
    (l) => l.includes(`event=claimed run=${poison}`) && l.includes("alone=true"),
  );
  expect(suspectClaims.map((l) => /crashes=(\d)/.exec(l)?.[1])).toEqual(["1", "2", "3"]);
  // …so the workers it crashed the second and third times held no other run then.
  const company = await env.db.pool.query(
    `SELECT p.worker_id, count(o.id)::int AS others
     FROM fake_executions p
     LEFT JOIN fake_executions o ON o.worker_id = p.worker_id AND o.run_id <> p.run_id
       AND (o.ended_at IS NULL OR o.ended_at > p.started_at)
     WHERE p.run_id = $1 GROUP BY p.id ORDER BY p.started_at`,
    [poison],
  );
  expect(company.rows.slice(1).map((r) => r.others)).toEqual([0, 0]);
  // The worker left standing keeps taking work.
  const next = await launch({ steps: 2, stepMs: 10 });
  await waitForRunStatus(env.db.prisma, next, "completed");
}, 90_000);
