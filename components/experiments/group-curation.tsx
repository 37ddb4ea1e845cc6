"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { deleteGroupAction, editGroupNotesAction } from "@/app/actions/manage-runs";
import { ConfirmDelete } from "@/components/curation/confirm-delete";
import { NotesEditor } from "@/components/curation/notes-editor";
import { useCurationAction } from "@/lib/client/use-curation-action";

const ACTIVE = new Set(["queued", "running"]);

/**
 * A group's markdown notes and its deletion. The confirmation names every run that goes with it, and the
 * action deletes the group only if those are still exactly its runs.
 */
export function GroupCuration({
  experiment,
  runs,
}: {
  experiment: { id: string; projectId: string; name: string; notes: string };
  runs: { id: string; name: string; status: string }[];
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  // The live page re-reads the group through its query; the server-rendered one through a refresh.
  const notes = useCurationAction(editGroupNotesAction, () => {
    router.refresh();
    return queryClient.invalidateQueries({ queryKey: ["experiment", experiment.id] });
  });
  const remove = useCurationAction(deleteGroupAction, () => router.push("/runs"));
  const ref = { projectId: experiment.projectId, experimentId: experiment.id };
  const active = runs.filter((r) => ACTIVE.has(r.status));
  return (
    <div className="space-y-3">
      <NotesEditor
        notes={experiment.notes === "" ? null : experiment.notes}
        canEdit
        label="Group notes"
        pending={notes.isPending}
        error={notes.error?.message ?? null}
        save={(text, done) => notes.mutate({ ...ref, notes: text }, { onSuccess: done })}
      />
      <ConfirmDelete
        buttonLabel="Delete group"
        title={`Delete group "${experiment.name}" and its ${runs.length} ${runs.length === 1 ? "run" : "runs"}?`}
        confirmLabel={`Delete group and ${runs.length} ${runs.length === 1 ? "run" : "runs"}`}
        testId="delete-group-confirm"
        pending={remove.isPending}
        error={remove.error?.message ?? null}
        onConfirm={() => remove.mutate({ ...ref, runIds: runs.map((r) => r.id) })}
      >
        {runs.length === 0 ? (
          <p>The group has no runs; only the group goes.</p>
        ) : (
          <>
            <p>These runs are deleted with everything they recorded. This cannot be undone.</p>
            <ul className="mt-2 max-h-48 list-disc overflow-y-auto pl-5" aria-label="Runs that go">
              {runs.map((r) => (
                <li key={r.id}>
                  {r.name} <span className="text-slate-600">({r.status})</span>
                </li>
              ))}
            </ul>
          </>
        )}
        {active.length > 0 ? (
          <p className="mt-2 font-medium">
            {active.length} of them {active.length === 1 ? "is" : "are"} still queued or running: cancel the
            group first, then delete it.
          </p>
        ) : null}
      </ConfirmDelete>
    </div>
  );
}
