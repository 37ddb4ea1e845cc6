/**
 * kill -9 of the worker executing a run: with the default lease (15 s) and reaper, another worker
 * process takes the run over within 30 s and finishes it from the last committed step, with every step
 * committed exactly once.
 */
import { expect, test } from "vitest";
import { enqueueRun } from "@/lib/server/runs/controls";
import { createFakeRun, waitFor, waitForRunStatus } from "./testing/worker-processes";
import { setUpWorkerTestEnvironment } from "./testing/worker-test-environment";

// Default lease, heartbeat and reaper settings: the takeover time measured is the product's.
const env = setUpWorkerTestEnvironment({ workerIds: ["alpha", "beta"] });

test("kill -9 of a worker mid-run: another worker takes over within 30 s and finishes the run", async () => {
  const id = await createFakeRun(env.db.prisma, { steps: 30, stepMs: 200 });
  await enqueueRun(id, { prisma: env.db.prisma, boss: env.boss });
  const owner = await waitFor("a few committed steps", async () => {
    const run = await env.db.prisma.run.findUniqueOrThrow({ where: { id } });
    return run.currentStep >= 3 && run.leaseOwner ? run.leaseOwner : undefined;
  });
  const victim = env.workers.find((w) => w.id === owner)!;
  const survivor = env.workers.find((w) => w.id !== owner)!;
  victim.child.kill("SIGKILL");
  await victim.exited;
  const killedAt = Date.now();
  const stepAtKill = (await env.db.prisma.run.findUniqueOrThrow({ where: { id } })).currentStep;

  await waitFor(
    "the survivor to hold the run",
    async () =>
      (await env.db.prisma.run.findUniqueOrThrow({ where: { id } })).leaseOwner === survivor.id
        ? true
        : undefined,
    { timeoutMs: 30_000, intervalMs: 200 },
  );
  const takeoverMs = Date.now() - killedAt;
  expect(takeoverMs).toBeLessThan(30_000);
  // The lease is in the database before the survivor's log line reaches us through its pipe.
  await survivor.waitForLine(new RegExp(`event=claimed run=${id}.*took_over_from=${victim.id}`), 10_000);

  const run = await waitForRunStatus(env.db.prisma, id, "completed", 20_000);
  expect(run).toMatchObject({ currentStep: 30, attempts: 2, leaseOwner: null });
  const { rows: steps } = await env.db.pool.query<{ step: number; worker: string }>(
    `SELECT step, metrics->>'worker' AS worker FROM steps WHERE run_id = $1 ORDER BY step`,
    [id],
  );
  expect(steps.map((s) => s.step)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  // The steps committed before the kill are the victim's and are kept; the rest are the survivor's.
  expect(steps.filter((s) => s.worker === victim.id).length).toBeGreaterThanOrEqual(stepAtKill);
  expect(steps.slice(stepAtKill).every((s) => s.worker === survivor.id)).toBe(true);
  const { rows: executions } = await env.db.pool.query(
    `SELECT worker_id, outcome FROM fake_executions WHERE run_id = $1 ORDER BY id`,
    [id],
  );
  expect(executions).toEqual([
    { worker_id: victim.id, outcome: null },
    { worker_id: survivor.id, outcome: "completed" },
  ]);
  console.log(`takeover after kill -9: ${(takeoverMs / 1000).toFixed(1)} s`);
}, 60_000);
