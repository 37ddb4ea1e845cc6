"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { controlRunAction } from "@/app/actions/run-controls";
import type { RunStatus } from "@/lib/generated/prisma/enums";
import { runOverviewKey } from "@/lib/live/use-live-run";
import type { RunControlInput } from "@/lib/runs/control-run";

const BUTTON =
  "rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800";

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
        onClick={() => mutation.mutate("cancel")}
      >
        Cancel
      </button>
      <a className={BUTTON} href={`/runs/new?from=${runId}`}>
        Clone
      </a>
      {mutation.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {mutation.error.message}
        </p>
      ) : null}
    </div>
  );
}
