"use client";
import { useId, useRef, type ReactNode } from "react";
import { CURATION_BUTTON } from "./notes-editor";

const DANGER =
  "rounded border border-rose-300 bg-rose-50 px-3 py-1 text-sm text-rose-800 hover:bg-rose-100 disabled:opacity-50";

/**
 * A delete button and its confirmation: a native modal dialog (focus moves in, Escape keeps the thing)
 * that names what goes. The refusal of the delete (a running run, a group that changed) shows in the
 * dialog, which stays open so the reader sees why nothing happened.
 */
export function ConfirmDelete({
  buttonLabel,
  title,
  children,
  confirmLabel,
  onConfirm,
  pending,
  error,
  testId,
}: {
  buttonLabel: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  pending: boolean;
  error: string | null;
  testId: string;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  return (
    <>
      <button
        type="button"
        className={CURATION_BUTTON}
        aria-haspopup="dialog"
        onClick={() => dialogRef.current?.showModal()}
      >
        {buttonLabel}
      </button>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        data-testid={testId}
        // The backdrop darkens in both themes, so it is a plain black veil, not a (mirrored) palette colour.
        className="m-auto max-w-lg rounded-lg border border-slate-200 bg-white p-5 text-slate-900 shadow-lg backdrop:bg-[rgb(0_0_0/0.45)]"
      >
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        <div className="mt-2 text-sm text-slate-700">{children}</div>
        {error ? (
          <p role="alert" className="mt-2 text-sm text-rose-700">
            {error}
          </p>
        ) : null}
        <div className="mt-4 flex justify-end gap-2">
          <button
            type="button"
            className={CURATION_BUTTON}
            autoFocus
            onClick={() => dialogRef.current?.close()}
          >
            Keep it
          </button>
          <button type="button" className={DANGER} disabled={pending} onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
