"use client";
import { useId, useState } from "react";
import { SafeMarkdown } from "@/components/text/safe-markdown";
import { MAX_NOTES_LENGTH } from "@/lib/domain/runs/manage-run-input";

export const CURATION_BUTTON =
  "rounded border border-slate-300 px-2 py-0.5 text-sm text-slate-800 hover:bg-slate-100 disabled:opacity-50";

// Tailwind's preflight unstyles headings and lists; notes are prose, so they get their shape back here.
const NOTES_PROSE =
  "safe-markdown max-w-3xl space-y-2 text-sm leading-relaxed break-words text-slate-800 " +
  "[&_h1]:text-lg [&_h1]:font-semibold [&_h2]:text-base [&_h2]:font-semibold [&_h3]:font-semibold " +
  "[&_ul]:list-disc [&_ul]:pl-5 [&_ol]:list-decimal [&_ol]:pl-5 [&_blockquote]:border-l-2 " +
  "[&_blockquote]:border-slate-300 [&_blockquote]:pl-3 [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 " +
  "[&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-slate-100 [&_pre]:p-2";

/**
 * Markdown notes on a run or a group: shown rendered (safely: raw HTML stays text, see SafeMarkdown),
 * edited as source in a textarea. Saving goes through `save`; its refusal is shown beside the buttons.
 */
export function NotesEditor({
  notes,
  canEdit,
  label,
  save,
  pending,
  error,
}: {
  notes: string | null;
  canEdit: boolean;
  /** "run notes" or "group notes": names the region and the textarea. */
  label: string;
  save: (notes: string, done: () => void) => void;
  pending: boolean;
  error: string | null;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const headingId = useId();
  const editing = draft !== null;
  return (
    <section aria-labelledby={headingId} className="space-y-1" data-testid="notes">
      <div className="flex items-center gap-2">
        <h2 id={headingId} className="text-sm font-semibold text-slate-800">
          Notes
        </h2>
        {canEdit && !editing ? (
          <button type="button" className={CURATION_BUTTON} onClick={() => setDraft(notes ?? "")}>
            {notes ? "Edit notes" : "Add notes"}
          </button>
        ) : null}
      </div>
      {editing ? (
        <form
          className="space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            save(draft, () => setDraft(null));
          }}
        >
          <textarea
            aria-label={label}
            value={draft}
            maxLength={MAX_NOTES_LENGTH}
            rows={8}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Escape") setDraft(null);
            }}
            className="w-full rounded border border-slate-300 bg-white p-2 font-mono text-sm text-slate-900"
            placeholder="Markdown: **bold**, lists, links, `code`, $math$"
            autoFocus
          />
          <div className="flex items-center gap-2">
            <button type="submit" className={CURATION_BUTTON} disabled={pending}>
              Save notes
            </button>
            <button type="button" className={CURATION_BUTTON} onClick={() => setDraft(null)}>
              Cancel
            </button>
            {error ? (
              <p role="alert" className="text-sm text-rose-700">
                {error}
              </p>
            ) : null}
          </div>
        </form>
      ) : notes ? (
        <SafeMarkdown text={notes} className={NOTES_PROSE} />
      ) : (
        <p className="text-sm text-slate-600">No notes yet.</p>
      )}
    </section>
  );
}
