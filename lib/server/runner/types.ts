/**
 * The seam between the worker (queue, lease, heartbeat, controls: lib/server/runner/worker*) and the code that
 * executes a run's iterations and persists them (lib/server/runner/execute-run.ts). The worker owns the run's
 * lifecycle; the executor only advances steps and reports how it stopped.
 */
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Why the executor returned. */
export type ExecutionOutcome =
  | { kind: "completed" }
  /** Stopped at an iteration boundary because a pause was requested. */
  | { kind: "paused" }
  /** Stopped because a (graceful or hard) cancel was requested. */
  | { kind: "cancelled" }
  /** A permanent failure: the run fails with this message; committed steps are kept. */
  | { kind: "failed"; message: string };

export interface ExecutionContext {
  runId: string;
  /** The worker holding the run's lease; a step commit is refused once another worker holds it. */
  leaseOwner?: string;
  prisma: PrismaClient;
  /** Aborted on a hard cancel or when the worker loses its lease: in-flight model calls must stop. */
  signal: AbortSignal;
  /**
   * Checked at every iteration boundary: the control requested for this run, if any. The executor
   * returns `paused`/`cancelled` when it sees one.
   */
  pendingControl(): Promise<"pause" | "cancel" | "hard_cancel" | null>;
  /** Shown on the run while a backend call is being retried ("retrying: 429 from policy backend"). */
  setStatusDetail(detail: string | null): Promise<void>;
}

export type RunExecutor = (context: ExecutionContext) => Promise<ExecutionOutcome>;
