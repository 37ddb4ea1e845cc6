import type { ReactNode } from "react";

/** One labelled input with its hint and errors linked by aria-describedby, so screen readers read both. */
export function FieldRow({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors && errors.length > 0 ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      {children(describedBy, errorId !== undefined)}
      {hint && (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {errorId && (
        <p id={errorId} className="text-xs text-red-700" data-testid={`error-${id}`}>
          {errors!.join("; ")}
        </p>
      )}
    </div>
  );
}

export const inputClass =
  "rounded border border-slate-300 bg-white px-2 py-1 text-sm aria-invalid:border-red-600";

interface ControlRowProps {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  value: string;
  onChange: (event: { target: { value: string } }) => void;
}

/** A FieldRow holding a text input named like its id: the form's plain fields. */
export function InputRow({ inputMode, ...row }: ControlRowProps & { inputMode?: "numeric" | "decimal" }) {
  return (
    <FieldRow id={row.id} label={row.label} hint={row.hint} errors={row.errors}>
      {(describedBy, invalid) => (
        <input
          id={row.id}
          name={row.id}
          inputMode={inputMode}
          value={row.value}
          onChange={row.onChange}
          className={inputClass}
          aria-describedby={describedBy}
          aria-invalid={invalid}
        />
      )}
    </FieldRow>
  );
}

/** A FieldRow holding a select named like its id, with the given options. */
export function SelectRow({ children, ...row }: ControlRowProps & { children: ReactNode }) {
  return (
    <FieldRow id={row.id} label={row.label} hint={row.hint} errors={row.errors}>
      {(describedBy, invalid) => (
        <select
          id={row.id}
          name={row.id}
          value={row.value}
          onChange={row.onChange}
          className={inputClass}
          aria-describedby={describedBy}
          aria-invalid={invalid}
        >
          {children}
        </select>
      )}
    </FieldRow>
  );
}
