"use client";
import type { RolloutFilterOptions } from "@/lib/data/rollout-filter-options";
import type { RolloutFilters } from "@/lib/rollouts/rollout-filters";

const SELECT =
  "rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900";

/** A number box that applies on Enter or when it loses focus; blank means "any". */
function NumberFilter({
  label,
  value,
  max,
  onApply,
}: {
  label: string;
  value: number | undefined;
  max?: number;
  onApply: (value: number | undefined) => void;
}) {
  const apply = (raw: string) => {
    const trimmed = raw.trim();
    if (trimmed === "") return onApply(undefined);
    const n = Number(trimmed);
    if (Number.isInteger(n) && n >= 0) onApply(n);
  };
  return (
    <label className="flex items-center gap-1">
      <span className="text-slate-600 dark:text-slate-400">{label}</span>
      <input
        // Re-mounts when the URL changes, so the box always shows the applied value.
        key={value ?? ""}
        type="number"
        min={0}
        max={max}
        defaultValue={value ?? ""}
        placeholder="any"
        aria-label={label}
        className={`${SELECT} w-24`}
        onBlur={(e) => apply(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") apply(e.currentTarget.value);
        }}
      />
    </label>
  );
}

export function RolloutFilterBar({
  filters,
  options,
  onChange,
}: {
  filters: RolloutFilters;
  options: RolloutFilterOptions;
  onChange: (patch: Partial<RolloutFilters>) => void;
}) {
  return (
    <form
      aria-label="Rollout filters"
      className="flex flex-wrap items-center gap-3 text-sm"
      onSubmit={(e) => e.preventDefault()}
    >
      <NumberFilter
        label="Step"
        value={filters.step}
        max={options.lastStep ?? undefined}
        onApply={(step) => onChange({ step, index: step === undefined ? undefined : filters.index })}
      />
      <label className="flex items-center gap-1">
        <span className="text-slate-600 dark:text-slate-400">Program</span>
        <select
          aria-label="Program"
          className={SELECT}
          value={filters.program ?? ""}
          onChange={(e) => onChange({ program: e.target.value === "" ? undefined : Number(e.target.value) })}
        >
          <option value="">all</option>
          {options.programs.map((p) => (
            <option key={p.programId} value={p.programId}>
              #{p.programId} ({p.origin}, step {p.birthStep})
            </option>
          ))}
        </select>
      </label>
      <NumberFilter label="Problem" value={filters.problem} onApply={(problem) => onChange({ problem })} />
      <label className="flex items-center gap-1">
        <span className="text-slate-600 dark:text-slate-400">Split</span>
        <select
          aria-label="Split"
          className={SELECT}
          value={filters.split ?? ""}
          onChange={(e) => onChange({ split: (e.target.value || undefined) as RolloutFilters["split"] })}
        >
          <option value="">all</option>
          <option value="train">train</option>
          <option value="test">test</option>
        </select>
      </label>
      <label className="flex items-center gap-1">
        <span className="text-slate-600 dark:text-slate-400">Correct</span>
        <select
          aria-label="Correct"
          className={SELECT}
          value={filters.correct ?? ""}
          onChange={(e) => onChange({ correct: (e.target.value || undefined) as RolloutFilters["correct"] })}
        >
          <option value="">all</option>
          <option value="yes">correct</option>
          <option value="no">wrong</option>
        </select>
      </label>
      <label className="flex items-center gap-1">
        <span className="text-slate-600 dark:text-slate-400">Order</span>
        <select
          aria-label="Order"
          className={SELECT}
          value={filters.order}
          onChange={(e) => onChange({ order: e.target.value as RolloutFilters["order"] })}
        >
          <option value="asc">oldest step first</option>
          <option value="desc">newest step first</option>
        </select>
      </label>
      {filters.index !== undefined && (
        <button
          type="button"
          className="rounded bg-slate-100 px-2 py-1 dark:bg-slate-800"
          onClick={() => onChange({ index: undefined })}
        >
          batch position {filters.index} ✕
        </button>
      )}
      <button
        type="button"
        className="text-sky-700 underline dark:text-sky-400"
        onClick={() =>
          onChange({
            step: undefined,
            program: undefined,
            problem: undefined,
            index: undefined,
            split: undefined,
            correct: undefined,
            order: "asc",
          })
        }
      >
        Clear filters
      </button>
      {options.problem && (
        <p className="w-full text-slate-600 dark:text-slate-400" data-testid="problem-filter-text">
          Problem {options.problem.id}: {options.problem.question.slice(0, 200)} (ground truth{" "}
          <span className="font-mono">{options.problem.answer.slice(0, 80)}</span>)
        </p>
      )}
    </form>
  );
}
