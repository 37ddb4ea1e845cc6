"use client";
import { useId, useRef } from "react";
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
  const confirmRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
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
      <button
        type="button"
        className={BUTTON}
        disabled={mutation.isPending || summary.active === 0}
        aria-haspopup="dialog"
        onClick={() => confirmRef.current?.showModal()}
      >
        Cancel all
      </button>
      <dialog
        ref={confirmRef}
        aria-labelledby={titleId}
        data-testid="group-cancel-confirm"
        className="m-auto max-w-md rounded-lg border border-slate-200 bg-white p-5 text-slate-900 shadow-lg backdrop:bg-[rgb(0_0_0/0.45)]"
      >
        <h2 id={titleId} className="text-base font-semibold">
          Cancel {summary.active} unfinished {summary.active === 1 ? "run" : "runs"}?
        </h2>
        <p className="mt-2 text-sm text-slate-600">
          Running runs stop at their next step boundary, queued and paused ones at once; none can be resumed.
          Every committed step is kept, and finished runs are not touched.
        </p>
        <form method="dialog" className="mt-4 flex justify-end gap-2">
          <button type="submit" value="keep" className={BUTTON} autoFocus>
            Keep them
          </button>
          <button
            type="submit"
            value="cancel"
            className="rounded border border-rose-300 bg-rose-50 px-3 py-1 text-sm text-rose-800 hover:bg-rose-100"
            onClick={() => mutation.mutate("cancel")}
          >
            Cancel the runs
          </button>
        </form>
      </dialog>
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
