/**
 * Each worker keeps a row in `workers` fresh, so that the web server (another process, maybe another
 * machine) can tell on /api/health whether anything executes runs. A worker that dies stops renewing
 * its row, which then expires; rows long expired are swept by the workers that remain.
 */
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { errorMessage, sleep } from "./retry";

/** A row counts as live for this many heartbeat periods, so that one slow beat is not an outage. */
const LIVE_PERIODS = 3;
const SWEEP_AFTER = "1 day";

export async function beat(
  prisma: PrismaClient,
  id: string,
  concurrency: number,
  activeRuns: number,
  intervalMs: number,
): Promise<void> {
  const ttlMs = intervalMs * LIVE_PERIODS;
  await prisma.$executeRaw`
    INSERT INTO workers (id, concurrency, active_runs, heartbeat_at, expires_at)
    VALUES (${id}, ${concurrency}, ${activeRuns}, now(), now() + ${ttlMs}::int * interval '1 millisecond')
    ON CONFLICT (id) DO UPDATE SET active_runs = EXCLUDED.active_runs, heartbeat_at = now(),
      expires_at = EXCLUDED.expires_at`;
  await prisma.$executeRaw`
    DELETE FROM workers WHERE expires_at < now() - ${SWEEP_AFTER}::interval`;
}

/** On a clean stop: the worker is gone at once rather than when its row expires. */
export async function removeWorkerRow(prisma: PrismaClient, id: string): Promise<void> {
  await prisma.$executeRaw`DELETE FROM workers WHERE id = ${id}`;
}

export interface HeartbeatOptions {
  prisma: PrismaClient;
  id: string;
  concurrency: number;
  activeRuns: () => number;
  intervalMs: number;
  log: (line: string) => void;
  signal: AbortSignal;
}

/** Beats until the signal aborts; a failed beat is logged and the next one tries again. */
export async function runWorkerHeartbeat(options: HeartbeatOptions): Promise<void> {
  const { prisma, id, concurrency, activeRuns, intervalMs, log, signal } = options;
  while (!signal.aborted) {
    try {
      await beat(prisma, id, concurrency, activeRuns(), intervalMs);
    } catch (error) {
      if (!signal.aborted) log(`event=heartbeat_row_error message=${JSON.stringify(errorMessage(error))}`);
    }
    await sleep(intervalMs, signal).catch(() => {});
  }
}

export interface WorkerState {
  /** "up": at least one worker heartbeats; "down": none does now, though one did; "none": never any. */
  state: "up" | "down" | "none";
  /** Workers heartbeating now. */
  live: number;
  /** Runs those workers execute now. */
  activeRuns: number;
  /** The newest heartbeat of any worker (ISO), null when none was ever seen. */
  lastHeartbeatAt: string | null;
}

/** What /api/health tells about the workers: counts and times only, no ids (they name hosts). */
export async function readWorkerState(prisma: PrismaClient): Promise<WorkerState> {
  const rows = await prisma.$queryRaw<{ live: number; active: number; last: Date | null }[]>`
    SELECT count(*) FILTER (WHERE expires_at > now())::int AS live,
      COALESCE(sum(active_runs) FILTER (WHERE expires_at > now()), 0)::int AS active,
      max(heartbeat_at) AS last
    FROM workers`;
  const row = rows[0] ?? { live: 0, active: 0, last: null };
  return {
    state: row.live > 0 ? "up" : row.last === null ? "none" : "down",
    live: row.live,
    activeRuns: row.active,
    lastHeartbeatAt: row.last?.toISOString() ?? null,
  };
}
