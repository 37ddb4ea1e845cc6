/**
 * Real worker processes (tsx, the real worker process code, a fake executor) sharing one queue:
 * enqueue → execute → complete, exactly one execution per run under duplicate dispatch, and a graceful
 * shutdown that hands a run over at once.
 */
import { describe, expect, test } from "vitest";
import { RUN_QUEUE } from "@/lib/server/queue/run-queue";
import { enqueueRun } from "@/lib/server/runs/controls";
import { createFakeRun, waitFor, waitForRunStatus } from "./testing/worker-processes";
import { setUpWorkerTestEnvironment } from "./testing/worker-test-environment";

const env = setUpWorkerTestEnvironment({ workerIds: ["w1", "w2"], workerEnv: { WORKER_CONCURRENCY: "2" } });

async function runStatus(id: string) {
  return env.db.prisma.run.findUniqueOrThrow({ where: { id } });
}

const waitForStatus = (id: string, status: string, timeoutMs?: number) =>
  waitForRunStatus(env.db.prisma, id, status, timeoutMs);

async function stepsOf(id: string): Promise<{ step: number; worker: string }[]> {
  const { rows } = await env.db.pool.query<{ step: number; worker: string }>(
    `SELECT step, metrics->>'worker' AS worker FROM steps WHERE run_id = $1 ORDER BY step`,
    [id],
  );
  return rows;
}

async function executionsOf(id: string): Promise<{ worker_id: string; outcome: string | null }[]> {
  const { rows } = await env.db.pool.query(
    `SELECT worker_id, outcome FROM fake_executions WHERE run_id = $1 ORDER BY id`,
    [id],
  );
  return rows;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("worker processes", () => {
  test("enqueue → execute → complete", async () => {
    const id = await createFakeRun(env.db.prisma, { steps: 5, stepMs: 50 });
    const result = await enqueueRun(id, { prisma: env.db.prisma, boss: env.boss });
    expect(result).toMatchObject({ status: "queued" });
    const run = await waitForStatus(id, "completed");
    expect(run).toMatchObject({
      currentStep: 5,
      leaseOwner: null,
      leaseExpiresAt: null,
      attempts: 1,
      error: null,
    });
    expect(run.startedAt).not.toBeNull();
    expect(run.finishedAt).not.toBeNull();
    expect((await stepsOf(id)).map((s) => s.step)).toEqual(range(5));
    expect(await executionsOf(id)).toEqual([
      { worker_id: expect.stringMatching(/^w[12]$/), outcome: "completed" },
    ]);
  });

  test("two workers never execute the same run, even when every run is dispatched three times", async () => {
    const ids = await Promise.all(
      range(6).map(() => createFakeRun(env.db.prisma, { steps: 4, stepMs: 100 })),
    );
    const firstLine = env.workers.map((w) => w.lines.length);
    for (const id of ids) {
      // enqueueRun first: it accepts only a queued run, and a worker may claim the run from a copy at once.
      await enqueueRun(id, { prisma: env.db.prisma, boss: env.boss });
      // Duplicates bypass the queue's one-waiting-job-per-run rule: only the claim protects the run.
      for (const copy of [1, 2])
        expect(
          await env.boss.send(RUN_QUEUE, { runId: id }, { singletonKey: `${id}/copy-${copy}` }),
        ).not.toBeNull();
    }
    for (const id of ids) await waitForStatus(id, "completed");
    for (const id of ids) {
      const executions = await executionsOf(id);
      expect(executions, `executions of ${id}`).toHaveLength(1);
      const steps = await stepsOf(id);
      expect(steps.map((s) => s.step)).toEqual(range(4));
      expect(new Set(steps.map((s) => s.worker))).toEqual(new Set([executions[0]!.worker_id]));
    }
    // Every job but one per run was refused by the claim (or found the run already running there).
    const skipped = env.workers.flatMap((w, i) =>
      w.lines.slice(firstLine[i]).filter((l) => /event=skipped/.test(l)),
    );
    for (const id of ids)
      expect(
        skipped.filter((l) => l.includes(id)),
        `skips of ${id}`,
      ).toHaveLength(2);
    // Both workers competed for these runs (each holds at most two at once, so neither could take all).
    for (const [i, w] of env.workers.entries())
      expect(
        w.lines.slice(firstLine[i]).some((l) => /event=(claimed|skipped)/.test(l)),
        w.id,
      ).toBe(true);
  });

  test("a worker whose lease was taken stops executing and overwrites nothing", async () => {
    const id = await createFakeRun(env.db.prisma, { steps: 200, stepMs: 100 });
    await enqueueRun(id, { prisma: env.db.prisma, boss: env.boss });
    const owner = await waitFor("a few committed steps", async () => {
      const run = await runStatus(id);
      return run.currentStep >= 2 && run.leaseOwner ? run.leaseOwner : undefined;
    });
    // As if the worker had been presumed dead and the run given to another.
    await env.db.pool.query(
      `UPDATE runs SET lease_owner = 'intruder', lease_expires_at = now() + interval '1 hour' WHERE id = $1`,
      [id],
    );
    const ended = await waitFor("the execution to end", async () => {
      const { rows } = await env.db.pool.query(
        `SELECT outcome FROM fake_executions WHERE run_id = $1 AND ended_at IS NOT NULL`,
        [id],
      );
      return rows[0]?.outcome as string | undefined;
    });
    // Either its next commit was fenced off, or its heartbeat noticed first and aborted the call.
    expect(ended).toMatch(/^threw: (the lease was lost|run aborted: lease lost)/);
    const worker = env.workers.find((w) => w.id === owner)!;
    await worker.waitForLine(new RegExp(`event=abandoned run=${id}`), 5_000);
    expect(await runStatus(id)).toMatchObject({ status: "running", leaseOwner: "intruder", error: null });
    await env.db.pool.query(`UPDATE runs SET status = 'cancelled', lease_owner = NULL WHERE id = $1`, [id]);
  });

  test("SIGTERM: the worker lets its run go and exits; the other worker continues at once", async () => {
    const id = await createFakeRun(env.db.prisma, { steps: 40, stepMs: 100 });
    await enqueueRun(id, { prisma: env.db.prisma, boss: env.boss });
    const first = await waitFor("a few committed steps", async () => {
      const run = await runStatus(id);
      return run.currentStep >= 3 && run.leaseOwner ? run.leaseOwner : undefined;
    });
    const victim = env.workers.find((w) => w.id === first)!;
    const survivor = env.workers.find((w) => w.id !== first)!;
    const signalledAt = Date.now();
    victim.child.kill("SIGTERM");
    expect(await victim.exited, victim.lines.join("\n")).toBe(0);
    expect(victim.lines.some((l) => l.includes(`event=released run=${id}`))).toBe(true);
    await waitFor("the other worker to take the run over", async () =>
      (await runStatus(id)).leaseOwner === survivor.id ? true : undefined,
    );
    // Well before the 15 s lease could have expired: the lease was released, not left to time out.
    expect(Date.now() - signalledAt).toBeLessThan(8_000);
    const run = await waitForStatus(id, "completed", 30_000);
    expect(run.attempts).toBe(2);
    const steps = await stepsOf(id);
    expect(steps.map((s) => s.step)).toEqual(range(40));
    expect(steps.at(-1)!.worker).toBe(survivor.id);
    expect((await executionsOf(id)).map((e) => e.worker_id)).toEqual([victim.id, survivor.id]);
  });
});
