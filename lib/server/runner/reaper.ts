/**
 * Every worker runs a reaper: it finds runs that should be executing but that no live worker holds
 * (a lease that expired because its worker died, a lease released at shutdown, or a queued run whose job
 * was lost) and puts them back on the queue. Several reapers finding the same run is harmless: the
 * queue keeps one waiting job per run and the claim lets one worker win.
 */
import "server-only";
import type PgBoss from "pg-boss";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { sendRunJob } from "@/lib/server/queue/run-queue";
import { withDbRetry } from "./lease";
import { errorMessage, sleep } from "./retry";

export interface StrandedRun {
  runId: string;
  /** True when a lease expired (its worker stopped without letting go), false when there was none. */
  expired: boolean;
}

/**
 * Runs with an expired lease at once; runs with no lease only after `graceMs` without change, so that a
 * run just enqueued or just released is left to the normal path first.
 */
export async function findStrandedRuns(
  prisma: PrismaClient,
  graceMs: number,
  limit = 100,
): Promise<StrandedRun[]> {
  const rows = await prisma.$queryRaw<{ id: string; expired: boolean }[]>`
    SELECT id::text AS id, (lease_expires_at IS NOT NULL) AS expired
    FROM runs
    WHERE status IN ('queued', 'running')
      -- An imported run logged from outside is running with no lease: it is the script's, never a worker's.
      AND source = 'native'
      AND (lease_expires_at < now()
        OR (lease_expires_at IS NULL AND updated_at < now() - ${graceMs}::int * interval '1 millisecond'))
    ORDER BY updated_at
    LIMIT ${limit}::int`;
  return rows.map((r) => ({ runId: r.id, expired: r.expired }));
}

/** One pass: re-enqueues what it finds and returns the runs for which a new job was created. */
export async function reapOnce(
  prisma: PrismaClient,
  boss: PgBoss,
  graceMs: number,
  log: (line: string) => void,
): Promise<string[]> {
  const sent: string[] = [];
  for (const run of await withDbRetry(() => findStrandedRuns(prisma, graceMs))) {
    const jobId = await sendRunJob(boss, run.runId);
    // A null job id means one is already waiting for this run: nothing to report.
    if (jobId !== null) {
      sent.push(run.runId);
      log(`event=reaped run=${run.runId} reason=${run.expired ? "lease_expired" : "no_lease"}`);
    }
  }
  return sent;
}

export interface ReaperOptions {
  prisma: PrismaClient;
  boss: PgBoss;
  intervalMs: number;
  graceMs: number;
  log: (line: string) => void;
  signal: AbortSignal;
}

/** Loops until the signal aborts; the interval is jittered so that the workers' reapers spread out. */
export async function runReaper(options: ReaperOptions): Promise<void> {
  const { prisma, boss, intervalMs, graceMs, log, signal } = options;
  while (!signal.aborted) {
    try {
      await sleep(intervalMs * (0.5 + Math.random()), signal);
    } catch {
      return;
    }
    try {
      await reapOnce(prisma, boss, graceMs, log);
    } catch (error) {
      // A database outage: the next pass tries again, nothing is lost meanwhile.
      if (!signal.aborted) log(`event=reaper_error message=${JSON.stringify(errorMessage(error))}`);
    }
  }
}
