/**
 * One claimed run inside a worker: keeps the lease alive with a heartbeat that also polls the control
 * column, hands the executor its context, and turns however the executor ended into the run's new status
 * (or into giving the run back, when this worker should not be the one to decide).
 */
import "server-only";
import type PgBoss from "pg-boss";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { sendRunJob } from "@/lib/server/queue/run-queue";
import {
  claimRun,
  finishRun,
  readControl,
  releaseLease,
  renewLeaseState,
  setLeasedStatusDetail,
  withDbRetry,
  type ClaimedRun,
  type FinishStatus,
} from "./lease";
import { BackendError, classifyDbError, errorChain, errorMessage, sleep } from "./retry";
import type { ExecutionContext, ExecutionOutcome, RunExecutor } from "./types";

/** Why the worker aborted the executor's signal. */
export type AbortCause = "shutdown" | "lease_lost" | "hard_cancel";

export class RunAbortedError extends Error {
  constructor(readonly abortCause: AbortCause) {
    super(`run aborted: ${abortCause.replace("_", " ")}`);
    this.name = "AbortError";
  }
}

export type ExecutionEnd =
  { kind: "returned"; outcome: ExecutionOutcome } | { kind: "threw"; error: unknown };

export type FinishAction =
  | { kind: "finish"; status: FinishStatus; error: string | null }
  /** Keep the run `running` but give the lease up and re-enqueue: another attempt continues it. */
  | { kind: "release"; reason: string }
  /** The lease is not ours any more: whatever happened, the new owner decides. */
  | { kind: "abandon" };

/** A database fault that escaped the executor; a backend's fault is the run's own failure. */
export function isDatabaseFault(error: unknown): boolean {
  return !errorChain(error).some((link) => link instanceof BackendError) && classifyDbError(error) !== null;
}

/**
 * What a run's error column says of an exception that ended it. A database's refusal (a SQLSTATE or a
 * Prisma code) names tables and constraints, which tells a researcher nothing: it is said in plain words
 * with its code, and the worker's log keeps the original text.
 */
export function describeRunFailure(error: unknown): string {
  for (const link of errorChain(error)) {
    if (link instanceof BackendError) break;
    const code = link.code;
    if (code === "23505" || code === "P2002")
      return "a row this step writes is already stored: the run's saved progress is behind its stored steps, so it stopped rather than overwrite them";
    if (typeof code === "string" && /^(?:[0-9A-Z]{5}|P\d{4})$/.test(code) && !/^[A-Z]+$/.test(code))
      return `the database refused this step's writes (code ${code})`;
  }
  return errorMessage(error);
}

/** How an execution's end maps to the run's status, given why (if at all) the worker aborted it. */
export function decideFinish(end: ExecutionEnd, cause: AbortCause | null): FinishAction {
  if (cause === "lease_lost") return { kind: "abandon" };
  const outcome = end.kind === "returned" ? end.outcome : null;
  if (outcome?.kind === "completed" || outcome?.kind === "cancelled")
    return { kind: "finish", status: outcome.kind, error: null };
  // A hard cancel makes in-flight calls fail: whatever the executor made of that, the run is cancelled.
  if (cause === "hard_cancel") return { kind: "finish", status: "cancelled", error: null };
  if (outcome?.kind === "paused") return { kind: "finish", status: "paused", error: null };
  // Failures while shutting down are most likely the shutdown's own doing: let another worker go on.
  if (cause === "shutdown") return { kind: "release", reason: "shutdown" };
  if (end.kind === "threw" && isDatabaseFault(end.error))
    return { kind: "release", reason: "database fault" };
  const message =
    end.kind === "threw" ? describeRunFailure(end.error) : outcome?.kind === "failed" ? outcome.message : "";
  return { kind: "finish", status: "failed", error: message || "the executor failed without a message" };
}

export interface SessionOptions {
  prisma: PrismaClient;
  boss: PgBoss;
  executor: RunExecutor;
  owner: string;
  leaseTtlMs: number;
  heartbeatMs: number;
  /** Crashes of a worker holding the run, without a committed step between, that fail it; 0: never. */
  crashLimit: number;
  log: (line: string) => void;
}

/** Poison-run detection's default: a run that crashed its worker three times in a row fails. */
export const DEFAULT_CRASH_LIMIT = 3;

/** Why a poison run is failed, in words for its page and the CLI. */
export function poisonRunMessage(crashes: number): string {
  return (
    `the worker crashed ${crashes} times while running this run, each time before it could commit ` +
    "another step (it may need more memory than a worker has); it was stopped so that it cannot take " +
    "other runs down with it. Check its config, then resume it"
  );
}

export class RunSession {
  private readonly controller = new AbortController();
  private readonly heartbeatStop = new AbortController();
  private cause: AbortCause | null = null;
  /** Crashed its worker since its last step: the worker takes no other run while it holds this one. */
  private isSuspect: boolean;

  constructor(
    private readonly options: SessionOptions,
    readonly claimed: ClaimedRun,
  ) {
    this.isSuspect = options.crashLimit > 0 && claimed.crashes > 0;
  }

  get suspect(): boolean {
    return this.isSuspect;
  }

  get runId(): string {
    return this.claimed.runId;
  }

  abort(cause: AbortCause): void {
    if (this.cause !== null) return;
    this.cause = cause;
    this.controller.abort(new RunAbortedError(cause));
  }

  /** Executes the run to its end and applies the outcome; never throws. */
  async run(): Promise<void> {
    const { log } = this.options;
    const { runId, attempts, previousStatus, previousOwner } = this.claimed;
    const { crashes, afterCrash } = this.claimed;
    const takeover = previousStatus === "running" ? ` took_over_from=${previousOwner ?? "released"}` : "";
    const suspect = this.isSuspect ? ` crashes=${crashes} alone=true` : "";
    log(
      `event=claimed run=${runId} attempt=${attempts} step=${this.claimed.currentStep}${takeover}${suspect}`,
    );
    let end: ExecutionEnd;
    const control = this.claimed.control;
    const { crashLimit } = this.options;
    if (afterCrash && crashLimit > 0 && crashes >= crashLimit) {
      // Executing it again would crash this worker too: the run fails, its committed steps kept.
      log(`event=poison_run run=${runId} crashes=${crashes}`);
      end = { kind: "returned", outcome: { kind: "failed", message: poisonRunMessage(crashes) } };
    } else if (control === "cancel" || control === "hard_cancel") {
      // Requested while no worker held the run: nothing to execute.
      end = { kind: "returned", outcome: { kind: "cancelled" } };
    } else if (control === "pause") {
      end = { kind: "returned", outcome: { kind: "paused" } };
    } else {
      const heartbeat = this.heartbeat();
      try {
        end = { kind: "returned", outcome: await this.options.executor(this.context()) };
      } catch (error) {
        end = { kind: "threw", error };
      }
      this.heartbeatStop.abort();
      await heartbeat;
    }
    await this.apply(decideFinish(end, this.cause), end);
  }

  private context(): ExecutionContext {
    const { prisma, owner } = this.options;
    const { runId } = this.claimed;
    const signal = this.controller.signal;
    return {
      runId,
      prisma,
      signal,
      // Lets the executor fence its commits (`… WHERE lease_owner = $owner`) against a lost lease.
      leaseOwner: owner,
      pendingControl: async () => {
        if (this.cause === "hard_cancel") return "hard_cancel";
        const value = await withDbRetry(() => readControl(prisma, runId), { signal });
        return value === "none" ? null : value;
      },
      setStatusDetail: async (detail) => {
        await withDbRetry(() => setLeasedStatusDetail(prisma, runId, owner, detail), { signal });
      },
    };
  }

  /** Renews the lease every heartbeatMs and watches for a hard cancel, until the execution ends. */
  private async heartbeat(): Promise<void> {
    const { prisma, owner, leaseTtlMs, heartbeatMs, log } = this.options;
    const { runId } = this.claimed;
    const stop = this.heartbeatStop.signal;
    let renewedAt = Date.now();
    while (!stop.aborted) {
      try {
        await sleep(heartbeatMs, stop);
      } catch {
        return;
      }
      try {
        const state = await withDbRetry(() => renewLeaseState(prisma, runId, owner, leaseTtlMs), {
          signal: stop,
          maxElapsedMs: heartbeatMs,
        });
        if (state === null) {
          log(`event=lease_lost run=${runId}`);
          this.abort("lease_lost");
          return;
        }
        renewedAt = Date.now();
        // A committed step clears the suspicion: the worker may take other runs beside it again.
        if (this.isSuspect && !state.suspect) log(`event=cleared run=${runId}`);
        this.isSuspect &&= state.suspect;
        if (state.control === "hard_cancel" && this.cause === null) {
          log(`event=hard_cancel run=${runId}`);
          this.abort("hard_cancel");
        }
      } catch (error) {
        if (stop.aborted) return;
        log(`event=heartbeat_error run=${runId} message=${JSON.stringify(errorMessage(error))}`);
        // Past the TTL another worker may already hold the run: stop before doing work twice.
        if (Date.now() - renewedAt >= leaseTtlMs) {
          log(`event=lease_lost run=${runId} reason=heartbeat_failed`);
          this.abort("lease_lost");
          return;
        }
      }
    }
  }

  private async apply(action: FinishAction, end: ExecutionEnd): Promise<void> {
    const { prisma, boss, owner, log } = this.options;
    const { runId } = this.claimed;
    try {
      if (action.kind === "abandon") {
        log(`event=abandoned run=${runId}`);
      } else if (action.kind === "release") {
        await withDbRetry(() => releaseLease(prisma, runId, owner));
        await sendRunJob(boss, runId).catch(() => null);
        const detail = end.kind === "threw" ? ` message=${JSON.stringify(errorMessage(end.error))}` : "";
        log(`event=released run=${runId} reason=${JSON.stringify(action.reason)}${detail}`);
      } else {
        const written = await withDbRetry(() => finishRun(prisma, runId, owner, action.status, action.error));
        if (written === null) log(`event=abandoned run=${runId} reason=lease_not_ours`);
        else {
          const error = action.error === null ? "" : ` error=${JSON.stringify(action.error)}`;
          // The run's column says it in plain words; the log keeps the exception's own text for an operator.
          const raw = end.kind === "threw" ? errorMessage(end.error) : null;
          const cause = raw !== null && raw !== action.error ? ` cause=${JSON.stringify(raw)}` : "";
          log(`event=${written} run=${runId}${error}${cause}`);
        }
      }
    } catch (error) {
      // The lease will expire and the reaper re-enqueues the run: the outcome is recomputed then.
      log(`event=finish_error run=${runId} message=${JSON.stringify(errorMessage(error))}`);
    }
  }
}

/** Claims with retries on connection faults; null when the run is not available to this worker. */
export function claimWithRetry(
  prisma: PrismaClient,
  runId: string,
  owner: string,
  leaseTtlMs: number,
  signal: AbortSignal,
  alone = true,
): Promise<ClaimedRun | null> {
  return withDbRetry(() => claimRun(prisma, runId, owner, leaseTtlMs, { alone }), { signal });
}
