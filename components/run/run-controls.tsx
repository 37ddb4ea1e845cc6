"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef } from "react";
import { controlRunAction } from "@/app/actions/run-controls";
import type { RunStatus } from "@/lib/generated/prisma/enums";
import { runOverviewKey } from "@/lib/client/live/run-query-keys";
import type { RunControlInput } from "@/lib/server/runs/control-run";

const BUTTON = "rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 disabled:opacity-50";

export function RunControls({ runId, status }: { runId: string; status: RunStatus }) {
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
  // A native modal dialog: focus moves into it and stays there, Escape closes it (keeping the run). Its
  // backdrop darkens in both themes, so it is a plain black veil, not a (mirrored) palette colour.
  const confirmRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
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
      <button
        type="button"
        className={BUTTON}
        disabled={mutation.isPending || finished}
        aria-haspopup="dialog"
        onClick={() => confirmRef.current?.showModal()}
      >
        Cancel
      </button>
      <dialog
        ref={confirmRef}
        aria-labelledby={titleId}
        data-testid="cancel-confirm"
        className="m-auto max-w-md rounded-lg border border-slate-200 bg-white p-5 text-slate-900 shadow-lg backdrop:bg-[rgb(0_0_0/0.45)]"
      >
        <h2 id={titleId} className="text-base font-semibold">
          Cancel this run?
        </h2>
        <p className="mt-2 text-sm text-slate-600">
          The run stops at its next step boundary and cannot be resumed; every committed step is kept.
        </p>
        <form method="dialog" className="mt-4 flex justify-end gap-2">
          <button type="submit" value="keep" className={BUTTON} autoFocus>
            Keep running
          </button>
          <button
            type="submit"
            value="cancel"
            className="rounded border border-rose-300 bg-rose-50 px-3 py-1 text-sm text-rose-800 hover:bg-rose-100"
            onClick={() => mutation.mutate("cancel")}
          >
            Cancel run
          </button>
        </form>
      </dialog>
      <a className={BUTTON} href={`/runs/new?from=${runId}`}>
        Clone
      </a>
      {mutation.error ? (
        <p role="alert" className="text-sm text-red-700">
          {mutation.error.message}
        </p>
      ) : null}
    </div>
  );
}
