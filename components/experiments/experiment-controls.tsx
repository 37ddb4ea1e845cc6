"use client";
import { ConfirmAction } from "@/components/dialogs/confirm-action";
import { useControlExperiment } from "@/lib/client/use-experiment";
import { describeGroupStatus, describeControlOutcome } from "@/lib/view/experiments/group-status";

const BUTTON =
  "rounded border border-slate-300 bg-white px-3 py-1 text-sm text-slate-900 hover:bg-slate-100 disabled:opacity-50";

/** Pause, resume or cancel every run of the experiment at once (confirmed cancel), with its runs' states. */
export function ExperimentControls({
  experimentId,
  projectId,
  statuses,
  streaming,
}: {
  experimentId: string;
  projectId: string;
  statuses: readonly string[];
  streaming: boolean;
}) {
  const mutation = useControlExperiment(experimentId, projectId);
  const summary = describeGroupStatus(statuses);
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="experiment-controls">
      <p className="text-sm text-slate-600" data-testid="group-status">
        {summary.text}
        {summary.active > 0 ? (streaming ? " · live" : " · refreshing every few seconds") : ""}
      </p>
      <button
        type="button"
        className={BUTTON}
        disabled={mutation.isPending || summary.pausable === 0}
        onClick={() => mutation.mutate("pause")}
      >
        Pause all
      </button>
      <button
        type="button"
        className={BUTTON}
        disabled={mutation.isPending || summary.paused === 0}
        onClick={() => mutation.mutate("resume")}
      >
        Resume all
      </button>
      <ConfirmAction
        buttonLabel="Cancel all"
        buttonClassName={BUTTON}
        buttonDisabled={mutation.isPending || summary.active === 0}
        title={`Cancel ${summary.active} unfinished ${summary.active === 1 ? "run" : "runs"}?`}
        keepLabel="Keep them"
        confirmLabel="Cancel the runs"
        onConfirm={() => mutation.mutate("cancel")}
        testId="group-cancel-confirm"
      >
        Running runs stop at their next step boundary, queued and paused ones at once; none can be resumed.
        Every committed step is kept, and finished runs are not touched.
      </ConfirmAction>
      {mutation.isError ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {mutation.error.message}
        </p>
      ) : mutation.data ? (
        <p role="status" className="w-full text-sm text-slate-700" data-testid="group-control-outcome">
          {describeControlOutcome(mutation.variables, mutation.data)}
        </p>
      ) : null}
    </div>
  );
}
