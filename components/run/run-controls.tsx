"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ConfirmAction } from "@/components/dialogs/confirm-action";
import { controlRunAction } from "@/app/actions/run-controls";
import type { RunStatus } from "@/lib/generated/prisma/enums";
import { runOverviewKey } from "@/lib/client/live/run-query-keys";
import type { RunControlInput } from "@/lib/server/runs/control-run";

const BUTTON = "rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 disabled:opacity-50";

export function RunControls({
  runId,
  status,
  imported = false,
}: {
  runId: string;
  status: RunStatus;
  /** Imported or logged from outside: nothing here executes it, so only Clone applies. */
  imported?: boolean;
}) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: async (action: RunControlInput["action"]) => {
      const outcome = await controlRunAction(null, { runId, action });
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.data;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: runOverviewKey(runId) }),
  });
  const finished = status === "completed" || status === "failed" || status === "cancelled";
  const clone = (
    <a className={BUTTON} href={`/runs/new?from=${runId}`}>
      Clone
    </a>
  );
  if (imported)
    return (
      <div className="flex flex-wrap items-center gap-2">
        {clone}
        <span className="text-sm text-slate-600">
          Recorded elsewhere: pause and cancel apply only to runs this server executes.
        </span>
      </div>
    );
  return (
    <div className="flex flex-wrap items-center gap-2">
      {status === "paused" ? (
        <button
          type="button"
          className={BUTTON}
          disabled={mutation.isPending}
          onClick={() => mutation.mutate("resume")}
        >
          Resume
        </button>
      ) : (
        <button
          type="button"
          className={BUTTON}
          disabled={mutation.isPending || finished}
          onClick={() => mutation.mutate("pause")}
        >
          Pause
        </button>
      )}
      <ConfirmAction
        buttonLabel="Cancel"
        buttonClassName={BUTTON}
        buttonDisabled={mutation.isPending || finished}
        title="Cancel this run?"
        keepLabel="Keep running"
        confirmLabel="Cancel run"
        onConfirm={() => mutation.mutate("cancel")}
        testId="cancel-confirm"
      >
        The run stops at its next step boundary and cannot be resumed; every committed step is kept.
      </ConfirmAction>
      {clone}
      {mutation.error ? (
        <p role="alert" className="text-sm text-red-700">
          {mutation.error.message}
        </p>
      ) : null}
    </div>
  );
}
