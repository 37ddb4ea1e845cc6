/**
 * Faults under a real worker process: transient backend faults are retried (the run says so meanwhile)
 * and the run completes; a permanent fault fails it with the backend's message, keeping committed steps;
 * the database terminating every connection mid-run is survived with nothing lost or duplicated.
 */
import { describe, expect, test } from "vitest";
import { enqueueRun } from "@/lib/server/runs/controls";
import { createFakeRun, waitFor, waitForRunStatus, type FakeRunConfig } from "./testing/worker-processes";
import { setUpWorkerTestEnvironment } from "./testing/worker-test-environment";

// The fault test terminates every connection to this database, the test's own idle ones included.
const env = setUpWorkerTestEnvironment({ workerIds: ["faulty"], terminatesConnections: true });

const readRun = (id: string) => env.db.prisma.run.findUniqueOrThrow({ where: { id } });

async function launch(fake: FakeRunConfig): Promise<string> {
  const id = await createFakeRun(env.db.prisma, fake);
  await enqueueRun(id, { prisma: env.db.prisma, boss: env.boss });
  return id;
}

const waitForStatus = (id: string, status: string, timeoutMs?: number) =>
  waitForRunStatus(env.db.prisma, id, status, timeoutMs);

async function stepsOf(id: string): Promise<number[]> {
  const { rows } = await env.db.pool.query(`SELECT step FROM steps WHERE run_id = $1 ORDER BY step`, [id]);
  return rows.map((r) => r.step);
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("backend faults", () => {
  test("transient faults are retried with the run saying so, then the run completes", async () => {
    const id = await launch({
      steps: 4,
      stepMs: 50,
      faultAtStep: 2,
      transientFaults: 2,
      faultStatus: 429,
      retryBaseMs: 800,
    });
    const seen = new Set<string>();
    await waitFor(
      "both retries to show on the run",
      async () => {
        const detail = (await readRun(id)).statusDetail;
        if (detail) seen.add(detail);
        return seen.size >= 2 ? true : undefined;
      },
      { intervalMs: 25 },
    );
    expect([...seen]).toEqual([
      "retrying: 429 from policy backend (attempt 2)",
      "retrying: 429 from policy backend (attempt 3)",
    ]);
    const run = await waitForStatus(id, "completed");
    expect(run).toMatchObject({ statusDetail: null, error: null, currentStep: 4 });
    expect(await stepsOf(id)).toEqual(range(4));
  });

  test("a permanent fault fails the run with its message; committed steps are kept", async () => {
    const id = await launch({ steps: 5, stepMs: 20, permanentFaultAtStep: 3 });
    const run = await waitForStatus(id, "failed");
    expect(run).toMatchObject({
      error: "400 from policy backend: the prompt is too long",
      currentStep: 2,
      leaseOwner: null,
    });
    expect(run.finishedAt).not.toBeNull();
    expect(await stepsOf(id)).toEqual([1, 2]);
  });

  test("retries are bounded: a backend that stays down fails the run with its last error", async () => {
    const id = await launch({
      steps: 3,
      stepMs: 10,
      faultAtStep: 1,
      transientFaults: 100,
      faultStatus: 503,
      retryBaseMs: 10,
    });
    const run = await waitForStatus(id, "failed");
    expect(run.error).toBe("503 from policy backend");
    const { rows } = await env.db.pool.query(
      `SELECT count(*)::int AS n FROM fake_events WHERE run_id = $1 AND kind = 'retry'`,
      [id],
    );
    expect(rows[0].n).toBe(5);
  });
});

describe("database faults", () => {
  /** Waits until a commit transaction is in flight (its pg_sleep), so that the termination hits it. */
  async function waitForCommitInFlight(): Promise<void> {
    await waitFor(
      "a commit in flight",
      async () => {
        const { rows } = await env.db.pool.query(
          `SELECT 1 FROM pg_stat_activity
           WHERE datname = current_database() AND state = 'active' AND query LIKE '%pg_sleep%'
             AND pid <> pg_backend_pid()`,
        );
        return rows.length > 0 ? true : undefined;
      },
      { intervalMs: 10 },
    );
  }

  async function terminateOtherConnections(): Promise<number> {
    const { rows } = await env.db.pool.query(
      `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n
       FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return rows[0].n;
  }

  test("every connection terminated three times mid-run: the run completes, each step exactly once", async () => {
    // Short calls and slow commits: the terminations mostly land inside a commit transaction.
    const id = await launch({ steps: 20, stepMs: 20, commitMs: 200 });
    for (const atStep of [3, 8, 13]) {
      await waitFor(`step ${atStep}`, async () =>
        (await readRun(id)).currentStep >= atStep ? true : undefined,
      );
      await waitForCommitInFlight();
      expect(await terminateOtherConnections()).toBeGreaterThan(0);
    }
    const run = await waitForStatus(id, "completed", 40_000);
    expect(run).toMatchObject({ currentStep: 20, leaseOwner: null, error: null });
    expect(await stepsOf(id)).toEqual(range(20));
    // The same process survived it all and is still taking work.
    const worker = env.workers[0]!;
    expect(worker.child.exitCode).toBeNull();
    // Each termination broke a commit: the worker gave the run back and took it again, three times.
    expect(
      worker.lines.filter((l) => l.includes(`event=released run=${id} reason="database fault"`)),
    ).toHaveLength(3);
    expect(run.attempts).toBe(4);
    const next = await launch({ steps: 2, stepMs: 10 });
    await waitForStatus(next, "completed");
  }, 60_000);
});
