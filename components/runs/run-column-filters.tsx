"use client";
/**
 * The column filters of the runs list: the active ones as removable chips, and a small form that adds one
 * (any metric, progress or config key; a comparison needs a number). The result is a URL like any view.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { columnLabel } from "@/lib/domain/runs/list/list-columns";
import {
  FILTER_OPS,
  FILTER_OP_LABELS,
  MAX_FILTERS,
  parseColumnFilter,
  writeColumnFilter,
  type FilterOp,
} from "@/lib/domain/runs/list/list-filter";
import { writeRunListQuery, type RunListQuery } from "@/lib/domain/runs/list/list-query";
import { FILTER_FIELD, FilterField, FilterSelect } from "@/components/forms/filter-bar";

export function RunColumnFilters({
  query,
  configKeys,
  metricKeys,
}: {
  query: RunListQuery;
  configKeys: readonly string[];
  metricKeys: readonly string[];
}) {
  const router = useRouter();
  const fields = [
    "best",
    "conservative",
    "progress",
    ...metricKeys.map((k) => `final:${k}`),
    ...configKeys.map((k) => `config:${k}`),
  ];
  const [column, setColumn] = useState(fields[0]!);
  const [op, setOp] = useState<FilterOp>("gte");
  const [value, setValue] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  const add = () => {
    const filter = parseColumnFilter(writeColumnFilter({ column, op, value }));
    if (!filter) {
      setProblem(value.trim() === "" ? "Type a value to compare with." : "This comparison needs a number.");
      return;
    }
    setProblem(null);
    router.push(`/runs${writeRunListQuery(query, { where: [...query.where, filter], page: 1 })}`);
  };

  return (
    <div className="flex flex-wrap items-end gap-3" data-testid="column-filters">
      {query.where.map((filter, i) => (
        <span
          key={i}
          data-testid="column-filter"
          className="flex items-center gap-1 rounded-full border border-slate-300 px-2 py-0.5 text-xs"
        >
          <span className="font-mono">{columnLabel(filter.column)}</span> {FILTER_OP_LABELS[filter.op]}{" "}
          {filter.value}
          <Link
            href={`/runs${writeRunListQuery(query, { where: query.where.filter((_, j) => j !== i), page: 1 })}`}
            aria-label={`Remove filter ${columnLabel(filter.column)} ${FILTER_OP_LABELS[filter.op]} ${filter.value}`}
            className="ml-1 text-slate-600 hover:text-slate-900"
          >
            ×
          </Link>
        </span>
      ))}
      {query.where.length < MAX_FILTERS && (
        <form
          aria-label="Add a column filter"
          className="flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            add();
          }}
        >
          <FilterSelect
            label="Where"
            value={column}
            onChange={setColumn}
            options={fields.map((f) => ({ value: f, label: columnLabel(f) }))}
          />
          <FilterSelect
            label="is"
            value={op}
            onChange={(v) => setOp(v as FilterOp)}
            options={FILTER_OPS.map((o) => ({ value: o, label: FILTER_OP_LABELS[o] }))}
          />
          <FilterField label="Value">
            <input
              value={value}
              onChange={(event) => setValue(event.target.value)}
              className={`${FILTER_FIELD} w-28`}
            />
          </FilterField>
          <button type="submit" className="rounded border border-slate-300 px-3 py-1.5 text-sm">
            Add filter
          </button>
          {problem && (
            <span role="alert" className="text-sm text-red-700">
              {problem}
            </span>
          )}
        </form>
      )}
    </div>
  );
}
