/**
 * Folds a streamed change of the run into its held overview at once, before the refetch of its charts
 * answers: the header (status, progress) then moves within the event's latency. Every patched figure is
 * a field of the run's row as committed (the NOTIFY carries them); the step count is the run's
 * `current_step`, which the runner sets to the number of committed steps in the same transaction as the
 * step's rows. Pure and unit-tested.
 */
import type { RunOverview } from "@/lib/server/read/run-overview";
import type { RunChange } from "@/lib/domain/run-change";

export function patchRunOverview(overview: RunOverview, change: RunChange): RunOverview {
  if (change.runId !== overview.run.id) return overview;
  return {
    ...overview,
    run: {
      ...overview.run,
      status: change.status,
      statusDetail: change.statusDetail,
      currentStep: change.currentStep,
      totalSteps: change.totalSteps,
    },
    // Never backwards: an event can arrive after a refetch that already read a later step.
    stepCount: Math.max(overview.stepCount, change.currentStep),
  };
}
