"use client";
import { useId, useRef, type ReactNode } from "react";

const DANGER =
  "rounded border border-rose-300 bg-rose-50 px-3 py-1 text-sm text-rose-800 hover:bg-rose-100 disabled:opacity-50";

/**
 * A button that opens a confirmation before a step that cannot be undone (cancel, delete): a native modal
 * dialog, so focus moves in and stays there and Escape keeps things as they are. The "keep" button has
 * the focus, so Enter alone never confirms. With `closeOnConfirm` false the dialog stays open after
 * confirming, so a refusal (`error`) shows where the reader is looking.
 */
export function ConfirmAction({
  buttonLabel,
  buttonClassName,
  buttonDisabled = false,
  title,
  children,
  keepLabel,
  confirmLabel,
  onConfirm,
  pending = false,
  error = null,
  closeOnConfirm = true,
  testId,
}: {
  buttonLabel: string;
  buttonClassName: string;
  buttonDisabled?: boolean;
  title: string;
  children: ReactNode;
  keepLabel: string;
  confirmLabel: string;
  onConfirm: () => void;
  pending?: boolean;
  error?: string | null;
  closeOnConfirm?: boolean;
  testId: string;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = () => dialogRef.current?.close();
  return (
    <>
      <button
        type="button"
        className={buttonClassName}
        disabled={buttonDisabled}
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
          <button type="button" className={buttonClassName} autoFocus onClick={close}>
            {keepLabel}
          </button>
          <button
            type="button"
            className={DANGER}
            disabled={pending}
            onClick={() => {
              onConfirm();
              if (closeOnConfirm) close();
            }}
          >
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
