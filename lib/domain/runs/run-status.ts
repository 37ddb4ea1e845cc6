/**
 * The run status machine: queued → running ⇄ paused → completed | failed | cancelled.
 * Every status change in the product goes through `assertTransition`, so an invalid request (resuming a
 * completed run, cancelling twice) is refused with a message instead of corrupting the run.
 */
import { conflict } from "@/lib/domain/errors";
import type { RunStatus } from "@/lib/generated/prisma/enums";

const TRANSITIONS: Record<RunStatus, readonly RunStatus[]> = {
  queued: ["running", "paused", "cancelled", "failed"],
  running: ["paused", "completed", "failed", "cancelled"],
  paused: ["running", "queued", "cancelled", "failed"],
  completed: [],
  failed: [],
  cancelled: [],
};

export const TERMINAL_STATUSES: readonly RunStatus[] = ["completed", "failed", "cancelled"];

export function isTerminal(status: RunStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export function canTransition(from: RunStatus, to: RunStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: RunStatus, to: RunStatus): void {
  if (!canTransition(from, to)) {
    const reason = isTerminal(from) ? `the run is already ${from}` : `a ${from} run cannot become ${to}`;
    throw conflict(`cannot change run status from ${from} to ${to}: ${reason}`);
  }
}
