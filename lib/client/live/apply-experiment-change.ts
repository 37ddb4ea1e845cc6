/**
 * Folds one run change into an experiment's group read. Pure and unit-tested. A change of one of its
 * runs makes the read refetch (null): its aggregate curves and results table are computed across the
 * runs on the server, so there is nothing to patch in place. Another run's change leaves it as it is.
 */
import type { RunChange } from "@/lib/domain/run-change";

export function applyExperimentChange<T extends { table: { runs: readonly { id: string }[] } }>(
  groups: T,
  change: RunChange,
): T | null {
  return groups.table.runs.some((run) => run.id === change.runId) ? null : groups;
}
