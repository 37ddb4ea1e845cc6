/**
 * Pause, resume, cancel and hard cancel: immediate on runs no worker holds, requested from the worker
 * (a real worker process with the fake executor) on running runs, refused with a conflict when invalid.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { AppError } from "@/lib/domain/errors";
import { createFakeRun, waitFor, waitForRunStatus } from "@/lib/server/runner/testing/worker-processes";
import { setUpWorkerTestEnvironment } from "@/lib/server/runner/testing/worker-test-environment";
import { cancelRun, enqueueRun, hardCancelRun, pauseRun, resumeRun, type ControlDeps } from "./controls";

const env = setUpWorkerTestEnvironment();
let deps: ControlDeps;

beforeAll(() => {
  deps = { prisma: env.db.prisma, boss: env.boss };
});

const readRun = (id: string) => env.db.prisma.run.findUniqueOrThrow({ where: { id } });

async function expectConflict(promise: Promise<unknown>, message: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: "conflict", message: expect.stringMatching(message) });
}

const waitForStatus = (id: string, status: string, timeoutMs?: number) =>
  waitForRunStatus(env.db.prisma, id, status, timeoutMs);

async function queuedJobs(id: string): Promise<number> {
  const { rows } = await env.db.pool.query(
    `SELECT count(*)::int AS n FROM pgboss.job WHERE singleton_key = $1 AND state = 'created'`,
    [id],
  );
  return rows[0].n;
}

describe("runs no worker holds (no worker running yet)", () => {
  test("queued → paused → queued (re-enqueued) → cancelled, each at once", async () => {
    const id = await createFakeRun(env.db.prisma, { steps: 1 });
    expect(await pauseRun(id, deps)).toEqual({
      runId: id,
      status: "paused",
      control: "none",
      immediate: true,
    });
    await expectConflict(pauseRun(id, deps), /from paused to paused/);
    await expectConflict(enqueueRun(id, deps), /only a queued run can be enqueued; this run is paused/);
    expect(await resumeRun(id, deps)).toMatchObject({ status: "queued", immediate: true });
    expect(await queuedJobs(id)).toBe(1);
    await expectConflict(resumeRun(id, deps), /already queued/);
    const cancelled = await cancelRun(id, deps);
    expect(cancelled).toMatchObject({ status: "cancelled", immediate: true });
    expect((await readRun(id)).finishedAt).not.toBeNull();
  });

  test("finished runs refuse every control", async () => {
    const id = await createFakeRun(env.db.prisma, { steps: 1 });
    await hardCancelRun(id, deps);
    expect((await readRun(id)).status).toBe("cancelled");
    for (const control of [pauseRun, resumeRun, cancelRun, hardCancelRun])
      await expectConflict(control(id, deps), /already cancelled/);
    await env.db.prisma.run.update({ where: { id }, data: { status: "completed" } });
    await expectConflict(resumeRun(id, deps), /already completed/);
  });

  test("enqueueing twice leaves one job waiting", async () => {
    const id = await createFakeRun(env.db.prisma, { steps: 1 });
    await enqueueRun(id, deps);
    await enqueueRun(id, deps);
    expect(await queuedJobs(id)).toBe(1);
    await cancelRun(id, deps);
  });

  test("unknown and malformed run ids are not found", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-uuid"])
      await expect(pauseRun(id, deps)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("running runs (a worker process executes them)", () => {
  beforeAll(async () => {
    await env.startWorkers(["ctl"], {
      WORKER_HEARTBEAT_MS: "500",
      WORKER_LEASE_TTL_MS: "5000",
    });
  });

  async function startRun(stepMs: number, steps = 50): Promise<string> {
    const id = await createFakeRun(env.db.prisma, { steps, stepMs });
    await enqueueRun(id, deps);
    await waitForStatus(id, "running");
    return id;
  }

  /** Resolves once the fake executor is inside the model call of `step`. */
  async function waitForCall(id: string, step: number) {
    await waitFor(`the call of step ${step}`, async () => {
      const { rows } = await env.db.pool.query(
        `SELECT 1 FROM fake_events WHERE run_id = $1 AND kind = 'call' AND detail = $2`,
        [id, String(step)],
      );
      return rows.length > 0 ? true : undefined;
    });
  }

  const stepsOf = async (id: string) =>
    (await env.db.pool.query(`SELECT step FROM steps WHERE run_id = $1 ORDER BY step`, [id])).rows.map(
      (r) => r.step,
    );

  test("pause takes effect at the iteration boundary; resume continues from the committed step", async () => {
    const id = await startRun(100, 30);
    await waitFor("two steps", async () => ((await readRun(id)).currentStep >= 2 ? true : undefined));
    expect(await pauseRun(id, deps)).toEqual({
      runId: id,
      status: "running",
      control: "pause",
      immediate: false,
    });
    await expectConflict(pauseRun(id, deps), /pause was already requested/);
    const paused = await waitForStatus(id, "paused");
    expect(paused).toMatchObject({ control: "none", leaseOwner: null, finishedAt: null });
    const stepAtPause = paused.currentStep;
    expect(await stepsOf(id)).toHaveLength(stepAtPause);

    expect(await resumeRun(id, deps)).toMatchObject({ status: "queued" });
    const done = await waitForStatus(id, "completed");
    expect(done.attempts).toBe(2);
    expect(await stepsOf(id)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  test("resume before a requested pause took effect just withdraws the pause", async () => {
    const id = await startRun(2_000);
    await waitForCall(id, 1);
    await pauseRun(id, deps);
    expect(await resumeRun(id, deps)).toEqual({
      runId: id,
      status: "running",
      control: "none",
      immediate: true,
    });
    await expectConflict(resumeRun(id, deps), /already running/);
    await hardCancelRun(id, deps);
    await waitForStatus(id, "cancelled");
  });

  test("graceful cancel lets the step in flight commit, then stops", async () => {
    const id = await startRun(1_500);
    await waitForCall(id, 1);
    const requested = await cancelRun(id, deps);
    expect(requested).toMatchObject({ status: "running", control: "cancel", immediate: false });
    await expectConflict(cancelRun(id, deps), /cancel was already requested/);
    await expectConflict(pauseRun(id, deps), /being cancelled/);
    const run = await waitForStatus(id, "cancelled");
    expect(run.currentStep).toBe(1);
    expect(run.finishedAt).not.toBeNull();
    const { rows } = await env.db.pool.query(`SELECT outcome FROM fake_executions WHERE run_id = $1`, [id]);
    expect(rows).toEqual([{ outcome: "cancelled" }]);
  });

  test("hard cancel aborts the model call in flight within a heartbeat", async () => {
    const id = await startRun(60_000);
    await waitForCall(id, 1);
    const requestedAt = Date.now();
    expect(await hardCancelRun(id, deps)).toMatchObject({ control: "hard_cancel", immediate: false });
    await expectConflict(hardCancelRun(id, deps), /hard cancel was already requested/);
    const run = await waitForStatus(id, "cancelled", 10_000);
    expect(Date.now() - requestedAt).toBeLessThan(5_000);
    expect(run).toMatchObject({ currentStep: 0, control: "none", leaseOwner: null, error: null });
    const { rows } = await env.db.pool.query(`SELECT outcome FROM fake_executions WHERE run_id = $1`, [id]);
    expect(rows).toEqual([{ outcome: expect.stringMatching(/^threw: run aborted: hard cancel/) }]);
  });

  test("a graceful cancel can be escalated to a hard cancel; a cancel overrides a pending pause", async () => {
    const id = await startRun(60_000);
    // Inside step 1's minute-long call: a graceful cancel waits for it, so there is time to escalate. (Before
    // the call starts, the worker can honour the cancel at once and leave nothing to escalate.)
    await waitForCall(id, 1);
    await pauseRun(id, deps);
    expect(await cancelRun(id, deps)).toMatchObject({ control: "cancel" });
    expect(await hardCancelRun(id, deps)).toMatchObject({ control: "hard_cancel" });
    await waitForStatus(id, "cancelled", 10_000);
  });
});

describe("imported runs", () => {
  test("are read-only: every control is refused with a conflict that says so", async () => {
    const project = await env.db.prisma.project.create({ data: { slug: "imports", name: "Imports" } });
    // Imported runs are stored as completed, but the refusal must not depend on the status: a queued one too.
    for (const status of ["completed", "queued"] as const) {
      const run = await env.db.prisma.run.create({
        data: {
          projectId: project.id,
          name: `imported ${status}`,
          source: "imported",
          status,
          trainMode: "rl",
          config: {},
          seed: 0,
        },
      });
      for (const control of [pauseRun, resumeRun, cancelRun, hardCancelRun, enqueueRun])
        await expectConflict(control(run.id, deps), /imported and is read-only/);
      expect(await readRun(run.id)).toMatchObject({ status, control: "none" });
    }
  });
});
