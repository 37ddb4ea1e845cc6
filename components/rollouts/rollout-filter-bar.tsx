"use client";
import type { RolloutFilterOptions } from "@/lib/server/read/rollout-filter-options";
import { SEARCH_SCOPES, type RolloutFilters } from "@/lib/domain/rollouts/rollout-filters";
import { FILTER_FIELD, FilterField, FilterSelect } from "@/components/forms/filter-bar";
import { SearchBox } from "./search-box";

const SORT_OPTIONS = [
  { value: "oldest", label: "oldest step first" },
  { value: "newest", label: "newest step first" },
  { value: "best", label: "best reward first" },
] as const;

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
    <FilterField label={label} inline>
      <input
        // Re-mounts when the URL changes, so the box always shows the applied value.
        key={value ?? ""}
        type="number"
        min={0}
        max={max}
        defaultValue={value ?? ""}
        placeholder="any"
        aria-label={label}
        className={`${FILTER_FIELD} w-24`}
        onBlur={(e) => apply(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") apply(e.currentTarget.value);
        }}
      />
    </FilterField>
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
      <SearchBox
        label={filters.in === "critiques" ? "Search critiques" : "Search completions"}
        value={filters.q}
        placeholder={'words, "a phrase", -without'}
        width="w-64"
        // A new search ranks by match unless another order was chosen; without one, match has no meaning.
        onApply={(q) =>
          onChange({
            q,
            sort:
              q === undefined
                ? filters.sort === "match"
                  ? "oldest"
                  : filters.sort
                : filters.q === undefined && filters.sort === "oldest"
                  ? "match"
                  : filters.sort,
          })
        }
      />
      <FilterSelect
        label="Search in"
        inline
        value={filters.in ?? "completions"}
        onChange={(v) => onChange({ in: v === "critiques" ? "critiques" : undefined })}
        options={SEARCH_SCOPES}
      />
      <SearchBox
        label="Problem text"
        value={filters.question}
        placeholder="contains…"
        width="w-40"
        onApply={(question) => onChange({ question })}
      />
      <NumberFilter
        label="Step"
        value={filters.step}
        max={options.lastStep ?? undefined}
        onApply={(step) => onChange({ step, index: step === undefined ? undefined : filters.index })}
      />
      <FilterSelect
        label="Program"
        inline
        value={filters.program}
        onChange={(v) => onChange({ program: v === "" ? undefined : Number(v) })}
        emptyLabel="all"
        options={options.programs.map((p) => ({
          value: p.programId,
          label: `#${p.programId} (${p.origin}, step ${p.birthStep})`,
        }))}
      />
      <NumberFilter label="Problem" value={filters.problem} onApply={(problem) => onChange({ problem })} />
      <FilterSelect
        label="Split"
        inline
        value={filters.split}
        onChange={(v) => onChange({ split: (v || undefined) as RolloutFilters["split"] })}
        emptyLabel="all"
        options={["train", "test"]}
      />
      <FilterSelect
        label="Correct"
        inline
        value={filters.correct}
        onChange={(v) => onChange({ correct: (v || undefined) as RolloutFilters["correct"] })}
        emptyLabel="all"
        options={[
          { value: "yes", label: "correct" },
          { value: "no", label: "wrong" },
        ]}
      />
      <FilterSelect
        label="Sort"
        inline
        value={filters.sort}
        onChange={(v) => onChange({ sort: v as RolloutFilters["sort"] })}
        options={
          filters.q === undefined
            ? SORT_OPTIONS
            : [{ value: "match", label: "best match first" }, ...SORT_OPTIONS]
        }
      />
      {filters.index !== undefined && (
        <button
          type="button"
          className="rounded bg-slate-100 px-2 py-1"
          onClick={() => onChange({ index: undefined })}
        >
          batch position {filters.index} ✕
        </button>
      )}
      <button
        type="button"
        className="text-sky-700 underline"
        onClick={() =>
          onChange({
            step: undefined,
            program: undefined,
            problem: undefined,
            index: undefined,
            split: undefined,
            correct: undefined,
            question: undefined,
            q: undefined,
            in: undefined,
            sort: "oldest",
          })
        }
      >
        Clear filters
      </button>
      {options.problem && (
        <p className="w-full text-slate-600" data-testid="problem-filter-text">
          Problem {options.problem.id}: {options.problem.question.slice(0, 200)} (ground truth{" "}
          <span className="font-mono">{options.problem.answer.slice(0, 80)}</span>)
        </p>
      )}
    </form>
  );
}
