"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { renameRunAction } from "@/app/actions/manage-runs";
import { CURATION_BUTTON } from "@/components/curation/notes-editor";
import { useCurationAction } from "@/lib/client/use-curation-action";

/** The run's name as the page heading; members rename it in place (Enter saves, Escape keeps it). */
export function RunTitle({ runId, name, canEdit }: { runId: string; name: string; canEdit: boolean }) {
  const router = useRouter();
  const [draft, setDraft] = useState<string | null>(null);
  const rename = useCurationAction(renameRunAction, () => {
    setDraft(null);
    router.refresh();
  });
  if (draft === null)
    return (
      <>
        <h1 className="text-2xl font-semibold tracking-tight">{name}</h1>
        {canEdit ? (
          <button
            type="button"
            className={CURATION_BUTTON}
            onClick={() => {
              rename.reset();
              setDraft(name);
            }}
          >
            Rename
          </button>
        ) : null}
      </>
    );
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        rename.mutate({ runId, name: draft });
      }}
    >
      <input
        aria-label="Run name"
        value={draft}
        maxLength={200}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") setDraft(null);
        }}
        className="min-w-64 rounded border border-slate-300 bg-white px-2 py-1 text-xl font-semibold text-slate-900"
        autoFocus
      />
      <button type="submit" className={CURATION_BUTTON} disabled={rename.isPending}>
        Save name
      </button>
      <button type="button" className={CURATION_BUTTON} onClick={() => setDraft(null)}>
        Cancel
      </button>
      {rename.error ? (
        <p role="alert" className="text-sm text-rose-700">
          {rename.error.message}
        </p>
      ) : null}
    </form>
  );
}
