/**
 * The pieces every list's filter bar is made of: a labelled field, a select with an "all"/"any" choice, and the
 * look they share. No hooks, so the plain GET forms (runs, evolution events) stay server components, and the
 * live rollout bar passes value/onChange instead of name/defaultValue.
 */
import type { ReactNode } from "react";

export const FILTER_FIELD = "rounded border border-slate-300 bg-white px-2 py-1 text-sm";

/** A filter's label: stacked over its control in the GET forms, beside it in the rollout bar. */
export function FilterField({
  label,
  inline = false,
  children,
}: {
  label: string;
  inline?: boolean;
  children: ReactNode;
}) {
  return inline ? (
    <label className="flex items-center gap-1">
      <span className="text-slate-600">{label}</span>
      {children}
    </label>
  ) : (
    <label className="flex flex-col text-xs text-slate-600">
      {label}
      {children}
    </label>
  );
}

export type FilterOption = string | { value: string | number; label: string };

type Binding =
  | { name: string; defaultValue: string | number | undefined; value?: never; onChange?: never }
  | {
      value: string | number | undefined;
      onChange: (value: string) => void;
      name?: never;
      defaultValue?: never;
    };

/** A select filter; `emptyLabel` adds the blank choice that means "no filter". */
export function FilterSelect({
  label,
  options,
  emptyLabel,
  inline,
  ...binding
}: {
  label: string;
  options: readonly FilterOption[];
  emptyLabel?: string;
  inline?: boolean;
} & Binding) {
  const control =
    binding.onChange === undefined
      ? { name: binding.name, defaultValue: binding.defaultValue ?? "" }
      : {
          value: binding.value ?? "",
          onChange: (e: { target: { value: string } }) => binding.onChange(e.target.value),
        };
  return (
    <FilterField label={label} inline={inline}>
      <select aria-label={label} className={FILTER_FIELD} {...control}>
        {emptyLabel === undefined ? null : <option value="">{emptyLabel}</option>}
        {options.map((o) => {
          const { value, label: text } = typeof o === "string" ? { value: o, label: o } : o;
          return (
            <option key={value} value={value}>
              {text}
            </option>
          );
        })}
      </select>
    </FilterField>
  );
}
