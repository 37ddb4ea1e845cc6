/**
 * The lease in the runs table: which worker executes a run, until when. Every statement here is one
 * conditional UPDATE, so two workers racing for a run cannot both win, and each is safe to send twice
 * (the worker retries them on connection faults, when it cannot know whether the first one committed).
 * Lease times use the database's clock, the one clock all workers share.
 */
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { RunControl, RunStatus } from "@/lib/generated/prisma/enums";
import { assertTransition } from "@/lib/domain/runs/run-status";
import { redactOptional } from "@/lib/server/security/redact";
import { classifyDbError, withRetry, type RetryOptions } from "./retry";

export interface ClaimedRun {
  runId: string;
  control: RunControl;
  attempts: number;
  currentStep: number;
  /** The status before the claim: "running" means the run was taken over from a worker that stopped. */
  previousStatus: RunStatus;
  previousOwner: string | null;
  /** True when the claim took the run over from a worker that died holding it (its lease expired). */
  afterCrash: boolean;
  /** Worker crashes while holding the run since its last committed step, this one included. */
  crashes: number;
}

/** The worker's own queries: retried on connection faults, for at most ~20 s (longer than a restart). */
export function withDbRetry<T>(fn: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  return withRetry(fn, {
    classify: classifyDbError,
    maxAttempts: 10,
    maxElapsedMs: 20_000,
    baseDelayMs: 250,
    maxDelayMs: 4_000,
    ...options,
  });
}

/**
 * Takes the run when it is queued, or running under a lease that has expired or was released (its
 * worker stopped), or already ours (a retried claim whose first reply was lost). Null: someone else
 * holds it, or it is paused or finished.
 *
 * A lease that expired with its owner still named means that worker died holding the run: the claim
 * counts it in crash_count, reset by the run's next committed step (crash_step is the step counted at).
 * A run with crashes since its last step is a suspect, executed only by a worker holding nothing else
 * (`alone`), so that a run that crashes its worker cannot take other runs down with it, and a further
 * crash is its own doing. Without `alone` such a run is left for a free worker (null).
 */
export async function claimRun(
  prisma: PrismaClient,
  runId: string,
  owner: string,
  ttlMs: number,
  { alone = true }: { alone?: boolean } = {},
): Promise<ClaimedRun | null> {
  assertTransition("queued", "running");
  const rows = await prisma.$queryRaw<
    {
      control: RunControl;
      attempts: number;
      current_step: number;
      previous_status: RunStatus;
      previous_owner: string | null;
      after_crash: boolean;
      crashes: number;
    }[]
  >`
    WITH previous AS (
      SELECT id, status, lease_owner,
        (status = 'running' AND lease_owner IS NOT NULL AND lease_expires_at < now()) AS after_crash,
        (CASE WHEN crash_step = current_step THEN crash_count ELSE 0 END) AS recent_crashes
      FROM runs WHERE id = ${runId}::uuid FOR UPDATE
    ), counted AS (
      SELECT previous.*, recent_crashes + (CASE WHEN after_crash THEN 1 ELSE 0 END) AS crashes FROM previous
    )
    UPDATE runs r SET
      status = 'running',
      lease_owner = ${owner},
      lease_expires_at = now() + ${ttlMs}::int * interval '1 millisecond',
      heartbeat_at = now(),
      attempts = r.attempts + 1,
      crash_count = counted.crashes,
      crash_step = (CASE WHEN counted.crashes > 0 THEN r.current_step ELSE NULL END),
      started_at = COALESCE(r.started_at, now()),
      status_detail = NULL,
      updated_at = now()
    FROM counted
    WHERE r.id = counted.id
      AND r.source = 'native'
      AND (r.status = 'queued'
        OR (r.status = 'running'
          AND (r.lease_owner IS NULL OR r.lease_owner = ${owner} OR r.lease_expires_at < now())))
      AND (counted.crashes = 0 OR ${alone})
    RETURNING r.control, r.attempts, r.current_step, counted.status AS previous_status,
      counted.lease_owner AS previous_owner, counted.after_crash, counted.crashes`;
  const row = rows[0];
  if (!row) return null;
  return {
    runId,
    control: row.control,
    attempts: row.attempts,
    currentStep: row.current_step,
    previousStatus: row.previous_status,
    previousOwner: row.previous_owner,
    afterCrash: row.after_crash,
    crashes: row.crashes,
  };
}

export interface LeaseState {
  control: RunControl;
  /** The run has had worker crashes and no committed step since: it must keep its worker to itself. */
  suspect: boolean;
}

/** Extends the lease; null when the lease is no longer ours. */
export async function renewLeaseState(
  prisma: PrismaClient,
  runId: string,
  owner: string,
  ttlMs: number,
): Promise<LeaseState | null> {
  const rows = await prisma.$queryRaw<LeaseState[]>`
    UPDATE runs SET
      lease_expires_at = now() + ${ttlMs}::int * interval '1 millisecond',
      heartbeat_at = now()
    WHERE id = ${runId}::uuid AND lease_owner = ${owner} AND status = 'running'
    RETURNING control, (crash_count > 0 AND crash_step = current_step) AS suspect`;
  return rows[0] ?? null;
}

/** Extends the lease and returns the control requested meanwhile; null when the lease is no longer ours. */
export async function renewLease(
  prisma: PrismaClient,
  runId: string,
  owner: string,
  ttlMs: number,
): Promise<RunControl | null> {
  return (await renewLeaseState(prisma, runId, owner, ttlMs))?.control ?? null;
}

export async function readControl(prisma: PrismaClient, runId: string): Promise<RunControl> {
  const rows = await prisma.$queryRaw<{ control: RunControl }[]>`
    SELECT control FROM runs WHERE id = ${runId}::uuid`;
  return rows[0]?.control ?? "none";
}

/** Only while the lease is ours: a worker that lost the run must not write over the new owner's detail. */
export async function setLeasedStatusDetail(
  prisma: PrismaClient,
  runId: string,
  owner: string,
  detail: string | null,
): Promise<void> {
  await prisma.$executeRaw`
    UPDATE runs SET status_detail = ${redactOptional(detail)}, updated_at = now()
    WHERE id = ${runId}::uuid AND lease_owner = ${owner} AND status = 'running'`;
}

export type FinishStatus = "completed" | "paused" | "cancelled" | "failed";

/**
 * Applies how the execution ended and gives the lease up, in one statement. A pause that meets a cancel
 * requested meanwhile ends as cancelled, so the cancel is not lost with the control column's reset.
 * Returns the status written, or null when the lease was no longer ours (nothing written).
 */
export async function finishRun(
  prisma: PrismaClient,
  runId: string,
  owner: string,
  status: FinishStatus,
  error: string | null = null,
): Promise<FinishStatus | null> {
  assertTransition("running", status);
  if (status === "paused") assertTransition("running", "cancelled");
  const rows = await prisma.$queryRaw<{ status: FinishStatus }[]>`
    UPDATE runs SET
      status = (CASE
        WHEN ${status} = 'paused' AND control IN ('cancel', 'hard_cancel') THEN 'cancelled'
        ELSE ${status} END)::run_status,
      error = ${redactOptional(error)},
      finished_at = (CASE
        WHEN ${status} = 'paused' AND control NOT IN ('cancel', 'hard_cancel') THEN NULL
        ELSE now() END),
      control = 'none',
      status_detail = NULL,
      lease_owner = NULL,
      lease_expires_at = NULL,
      updated_at = now()
    WHERE id = ${runId}::uuid AND lease_owner = ${owner} AND status = 'running'
    RETURNING status::text AS status`;
  return rows[0]?.status ?? null;
}

/**
 * Gives the lease up while the run stays `running`, so another worker (or this one) can take it at once:
 * on shutdown, or after the executor lost its database connection.
 */
export async function releaseLease(prisma: PrismaClient, runId: string, owner: string): Promise<boolean> {
  const count = await prisma.$executeRaw`
    UPDATE runs SET lease_owner = NULL, lease_expires_at = NULL, status_detail = NULL, updated_at = now()
    WHERE id = ${runId}::uuid AND lease_owner = ${owner} AND status = 'running'`;
  return count > 0;
}

/** Last resort on shutdown: every lease this worker still holds, whatever its sessions are doing. */
export async function releaseAllLeases(prisma: PrismaClient, owner: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    UPDATE runs SET lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
    WHERE lease_owner = ${owner} AND status = 'running'
    RETURNING id::text AS id`;
  return rows.map((r) => r.id);
}
