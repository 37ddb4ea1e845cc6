/**
 * The worker: takes run jobs from the queue while it has capacity, claims each run atomically, executes
 * it in a RunSession and applies the outcome; a reaper beside it re-enqueues runs whose worker died.
 * Jobs are fetched by hand rather than with pg-boss's `work()`, because a run lasts hours: the job only
 * wakes a worker up and is completed right after the claim, while the lease carries the execution.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type PgBoss from "pg-boss";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { fetchRunJob, RUN_QUEUE, sendRunJob, type FetchedRunJob } from "@/lib/server/queue/run-queue";
import { releaseAllLeases, withDbRetry } from "./lease";
import { runReaper } from "./reaper";
import { errorMessage, sleep } from "./retry";
import type { RunExecutor } from "./types";
import { removeWorkerRow, runWorkerHeartbeat } from "./worker-heartbeat";
import { claimWithRetry, DEFAULT_CRASH_LIMIT, RunSession } from "./worker-session";
import { redactSecrets } from "@/lib/server/security/redact";

export interface WorkerOptions {
  prisma: PrismaClient;
  boss: PgBoss;
  executor: RunExecutor;
  /** Written into runs.lease_owner. Default: host:pid:random. */
  workerId?: string;
  /** Runs executed at once by this worker. Default 4. */
  concurrency?: number;
  /** How long a lease lasts without a heartbeat. Default 15 s. */
  leaseTtlMs?: number;
  /** Lease renewal and control polling period. Default 3 s. */
  heartbeatMs?: number;
  /** Queue polling period while idle. Default 1 s. */
  pollIntervalMs?: number;
  /** Mean period of the reaper (jittered ±50 %). Default 4 s. */
  reaperIntervalMs?: number;
  /** A run with no lease is re-enqueued after this long without change. Default 10 s. */
  reaperGraceMs?: number;
  /**
   * Crashes of a worker holding a run, with no committed step between, after which the run is failed
   * as poison rather than executed again. Default 3; 0 turns poison-run detection (and the isolation
   * of suspect runs) off.
   */
  crashLimit?: number;
  /** How long stop() waits for executors to wind down before releasing their leases. Default 10 s. */
  shutdownTimeoutMs?: number;
  /** One line per event, without a trailing newline. Default: stdout with a timestamp. */
  log?: (line: string) => void;
}

export interface RunWorker {
  readonly id: string;
  /** Runs this worker executes now. */
  activeRuns(): string[];
  /** Stops taking jobs, aborts executions and gives their leases up; resolves when all is settled. */
  stop(): Promise<void>;
}

export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

export function startWorker(options: WorkerOptions): RunWorker {
  const { prisma, boss, executor } = options;
  const id = options.workerId ?? defaultWorkerId();
  const concurrency = options.concurrency ?? 4;
  const leaseTtlMs = options.leaseTtlMs ?? 15_000;
  const heartbeatMs = options.heartbeatMs ?? 3_000;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;
  const crashLimit = options.crashLimit ?? DEFAULT_CRASH_LIMIT;
  const write = options.log ?? ((line: string) => console.log(`${new Date().toISOString()} ${line}`));
  // Every worker log line is masked: a backend error may echo a request with its key.
  const log = (line: string) => write(redactSecrets(`worker=${id} ${line}`));

  const stopping = new AbortController();
  const sessions = new Map<string, { session: RunSession; done: Promise<void> }>();
  const sessionOptions = { prisma, boss, executor, owner: id, leaseTtlMs, heartbeatMs, crashLimit, log };
  // A run that crashed its worker is executed alone: nothing else is taken while one is held.
  const holdsSuspect = () => [...sessions.values()].some(({ session }) => session.suspect);

  async function handleJob(job: FetchedRunJob): Promise<void> {
    if (!job.data) {
      log(`event=invalid_job job=${job.id}`);
      await boss.fail(RUN_QUEUE, job.id, { reason: "invalid payload" }).catch(() => {});
      return;
    }
    const { runId } = job.data;
    let claimed = null;
    // A duplicate job for a run this worker already executes: the claim would succeed (the lease is
    // ours) and start it twice.
    if (!sessions.has(runId) && !stopping.signal.aborted) {
      try {
        const alone = sessions.size === 0 || crashLimit === 0;
        claimed = await claimWithRetry(prisma, runId, id, leaseTtlMs, stopping.signal, alone);
      } catch (error) {
        // Left queued or stranded: the reaper brings it back.
        if (!stopping.signal.aborted)
          log(`event=claim_error run=${runId} message=${JSON.stringify(errorMessage(error))}`);
      }
    }
    if (claimed === null && stopping.signal.aborted) await sendRunJob(boss, runId).catch(() => null);
    await boss.complete(RUN_QUEUE, job.id).catch(() => {});
    if (claimed === null) {
      const reason = sessions.has(runId)
        ? "running_here"
        : stopping.signal.aborted
          ? "stopping"
          : "not_claimable";
      log(`event=skipped run=${runId} reason=${reason}`);
      return;
    }
    const session = new RunSession(sessionOptions, claimed);
    const done = session.run().finally(() => sessions.delete(runId));
    sessions.set(runId, { session, done });
  }

  async function pollQueue(): Promise<void> {
    while (!stopping.signal.aborted) {
      let job: FetchedRunJob | null = null;
      if (sessions.size < concurrency && !holdsSuspect()) {
        try {
          job = await fetchRunJob(boss);
        } catch (error) {
          log(`event=fetch_error message=${JSON.stringify(errorMessage(error))}`);
        }
      }
      if (job) await handleJob(job);
      else await sleep(pollIntervalMs, stopping.signal).catch(() => {});
    }
  }

  const polling = pollQueue();
  const beating = runWorkerHeartbeat({
    prisma,
    id,
    concurrency,
    activeRuns: () => sessions.size,
    intervalMs: heartbeatMs,
    log,
    signal: stopping.signal,
  });
  const reaping = runReaper({
    prisma,
    boss,
    intervalMs: options.reaperIntervalMs ?? 4_000,
    graceMs: options.reaperGraceMs ?? 10_000,
    log,
    signal: stopping.signal,
  });
  log(
    `event=started concurrency=${concurrency} lease_ttl_ms=${leaseTtlMs} heartbeat_ms=${heartbeatMs} ` +
      `crash_limit=${crashLimit}`,
  );

  let stopped: Promise<void> | null = null;
  async function shutdown(): Promise<void> {
    log(`event=stopping active=${sessions.size}`);
    stopping.abort();
    await Promise.all([polling, reaping, beating]);
    for (const { session } of sessions.values()) session.abort("shutdown");
    const settled = Promise.all([...sessions.values()].map((s) => s.done));
    const timer = new AbortController();
    const timedOut = await Promise.race([
      settled.then(() => false),
      sleep(shutdownTimeoutMs, timer.signal).then(
        () => true,
        () => false,
      ),
    ]);
    timer.abort();
    if (timedOut) {
      // Executors that ignore their signal: let the runs go anyway, so that another worker continues.
      const released = await withDbRetry(() => releaseAllLeases(prisma, id)).catch(() => []);
      for (const runId of released) await sendRunJob(boss, runId).catch(() => null);
      log(`event=shutdown_timeout released=${released.length}`);
    }
    await withDbRetry(() => removeWorkerRow(prisma, id), { maxElapsedMs: 2_000 }).catch(() => {});
    log("event=stopped");
  }

  return {
    id,
    activeRuns: () => [...sessions.keys()],
    stop: () => (stopped ??= shutdown()),
  };
}
