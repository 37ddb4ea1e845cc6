"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteRunAction, editRunNotesAction, editRunTagsAction } from "@/app/actions/manage-runs";
import { ConfirmDelete } from "@/components/curation/confirm-delete";
import { CURATION_BUTTON, NotesEditor } from "@/components/curation/notes-editor";
import { useCurationAction } from "@/lib/client/use-curation-action";
import type { RunStatus } from "@/lib/generated/prisma/enums";
import type { RunCuration } from "@/lib/server/read/run-curation";

function TagsEditor({ runId, tags }: { runId: string; tags: string[] }) {
  const router = useRouter();
  const [draft, setDraft] = useState<string | null>(null);
  const edit = useCurationAction(editRunTagsAction, () => {
    setDraft(null);
    router.refresh();
  });
  if (draft === null)
    return (
      <div className="flex flex-wrap items-center gap-1 text-sm" data-testid="run-tags">
        <span className="text-slate-700">Tags:</span>
        {tags.length === 0 ? <span className="text-slate-600">none</span> : null}
        {tags.map((tag) => (
          <span key={tag} className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-800">
            {tag}
          </span>
        ))}
        <button
          type="button"
          className={CURATION_BUTTON}
          onClick={() => {
            edit.reset();
            setDraft(tags.join(", "));
          }}
        >
          Edit tags
        </button>
      </div>
    );
  return (
    <form
      className="flex flex-wrap items-center gap-2 text-sm"
      onSubmit={(event) => {
        event.preventDefault();
        edit.mutate({ runId, tags: draft });
      }}
    >
      <label className="flex items-center gap-2 text-slate-700">
        Tags
        <input
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Escape") setDraft(null);
          }}
          placeholder="comma-separated: lucb, baseline"
          className="min-w-72 rounded border border-slate-300 bg-white px-2 py-1 text-slate-900"
          autoFocus
        />
      </label>
      <button type="submit" className={CURATION_BUTTON} disabled={edit.isPending}>
        Save tags
      </button>
      <button type="button" className={CURATION_BUTTON} onClick={() => setDraft(null)}>
        Cancel
      </button>
      {edit.error ? (
        <p role="alert" className="text-rose-700">
          {edit.error.message}
        </p>
      ) : null}
    </form>
  );
}

/**
 * The run page's curation for members: its group, tags, markdown notes and delete. The server refuses
 * viewers; a queued or running run is refused a delete with the reason (cancel it first).
 */
export function RunCurationPanel({
  runId,
  status,
  curation,
}: {
  runId: string;
  status: RunStatus;
  curation: RunCuration;
}) {
  const router = useRouter();
  const notes = useCurationAction(editRunNotesAction, () => router.refresh());
  const remove = useCurationAction(deleteRunAction, (data) =>
    router.push(data.experimentId ? `/experiments/${data.experimentId}` : "/runs"),
  );
  const active = status === "queued" || status === "running";
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        {curation.experiment ? (
          <span className="text-sm text-slate-700">
            Group:{" "}
            <Link href={`/experiments/${curation.experiment.id}`} className="text-sky-700 underline">
              {curation.experiment.name}
            </Link>
          </span>
        ) : null}
        <TagsEditor runId={runId} tags={curation.tags} />
        <ConfirmDelete
          buttonLabel="Delete run"
          title={`Delete run "${curation.name}"?`}
          confirmLabel="Delete run"
          testId="delete-run-confirm"
          pending={remove.isPending}
          error={remove.error?.message ?? null}
          onConfirm={() => remove.mutate({ runId })}
        >
          <p>
            Its steps, rollouts, programs, evolution events, checkpoints and evaluations are deleted with it.
            This cannot be undone.
          </p>
          {active ? (
            <p className="mt-2 font-medium">The run is {status}: cancel it first, then delete it.</p>
          ) : null}
        </ConfirmDelete>
      </div>
      <NotesEditor
        notes={curation.notes}
        canEdit
        label="Run notes"
        pending={notes.isPending}
        error={notes.error?.message ?? null}
        save={(text, done) => notes.mutate({ runId, notes: text }, { onSuccess: done })}
      />
    </div>
  );
}
