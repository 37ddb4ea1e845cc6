/**
 * Folds one run change into the overview the page shows. Pure, so live updates are unit-tested; returns
 * null when the change concerns a run the overview does not list (the caller refetches instead).
 */
import type { Overview } from "@/lib/server/read/overview";
import type { RunChange } from "@/lib/domain/run-change";

export function applyRunChange(overview: Overview, change: RunChange): Overview | null {
  const index = overview.recentRuns.findIndex((r) => r.id === change.runId);
  if (index === -1) return null;
  const previous = overview.recentRuns[index]!;
  const recentRuns = overview.recentRuns.slice();
  recentRuns[index] = {
    ...previous,
    status: change.status,
    statusDetail: change.statusDetail,
    currentStep: change.currentStep,
    totalSteps: change.totalSteps,
    bestTestPass1: change.bestTestPass1,
  };
  let runCounts = overview.runCounts;
  if (previous.status !== change.status) {
    runCounts = { ...runCounts };
    runCounts[previous.status] = Math.max(0, (runCounts[previous.status] ?? 0) - 1);
    runCounts[change.status] = (runCounts[change.status] ?? 0) + 1;
  }
  return { ...overview, runCounts, recentRuns };
}
