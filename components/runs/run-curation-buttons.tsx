"use client";
/** The runs list's star and archive toggles: editors and owners; the list refetches once a mark is set. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { archiveRunAction, starRunAction } from "@/app/actions/run-curation";

function useMark(action: typeof starRunAction, runId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (on: boolean) => {
      const outcome = await action(null, { runId, on });
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.data;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["runs-list"] }),
  });
}

/** ★ / ☆: a toggle button (aria-pressed); read-only callers see the mark without the button. */
export function StarToggle({
  runId,
  name,
  starred,
  canEdit,
}: {
  runId: string;
  name: string;
  starred: boolean;
  canEdit: boolean;
}) {
  const mark = useMark(starRunAction, runId);
  const on = mark.isPending && mark.variables !== undefined ? mark.variables : starred;
  if (!canEdit)
    return on ? (
      <span role="img" aria-label="Starred" className="text-amber-600">
        ★
      </span>
    ) : null;
  return (
    <button
      type="button"
      data-testid="star-toggle"
      aria-pressed={on}
      aria-label={`Star ${name}`}
      title={mark.error ? mark.error.message : on ? "Unstar" : "Star"}
      disabled={mark.isPending}
      onClick={() => mark.mutate(!on)}
      className={`text-base leading-none ${on ? "text-amber-600" : "text-slate-500 hover:text-amber-600"}`}
    >
      {on ? "★" : "☆"}
    </button>
  );
}

/** "Archive" hides the run from the default list; "Unarchive" (shown with archived runs) brings it back. */
export function ArchiveToggle({ runId, name, archived }: { runId: string; name: string; archived: boolean }) {
  const mark = useMark(archiveRunAction, runId);
  return (
    <span className="whitespace-nowrap">
      <button
        type="button"
        data-testid="archive-toggle"
        aria-label={`${archived ? "Unarchive" : "Archive"} ${name}`}
        disabled={mark.isPending}
        onClick={() => mark.mutate(!archived)}
        className="text-xs text-slate-600 underline hover:text-slate-900"
      >
        {archived ? "Unarchive" : "Archive"}
      </button>
      {mark.error && (
        <span role="alert" className="ml-1 text-xs text-red-700">
          {mark.error.message}
        </span>
      )}
    </span>
  );
}
