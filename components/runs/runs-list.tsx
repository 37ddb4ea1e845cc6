"use client";

import Link from "next/link";
import { useState } from "react";
import type { RunListPage, RunListRow } from "@/lib/data/list-runs";
import { useLiveRunList } from "@/lib/live/use-live-run-list";
import { writeRunListQuery, type RunListQuery, type RunSortKey } from "@/lib/runs/list/list-query";
import { RunStatusBadge } from "./run-status-badge";

const dateFormat = new Intl.DateTimeFormat("en", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

function formatMetric(value: number | null, percent: boolean): string {
  if (value === null) return "—";
  return percent ? `${(value * 100).toFixed(1)}%` : value.toFixed(2);
}

function SortHeader({ query, sortKey, label }: { query: RunListQuery; sortKey: RunSortKey; label: string }) {
  const active = query.sort === sortKey;
  const dir = active && query.dir === "desc" ? "asc" : "desc";
  return (
    <th
      scope="col"
      className="px-3 py-2 font-medium"
      aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : "none"}
    >
      <Link
        href={`/runs${writeRunListQuery(query, { sort: sortKey, dir, page: 1 })}`}
        className="hover:underline"
      >
        {label}
        {active ? (query.dir === "asc" ? " ▲" : " ▼") : ""}
      </Link>
    </th>
  );
}

function RunRow({ run, selected, onToggle }: { run: RunListRow; selected: boolean; onToggle: () => void }) {
  return (
    <tr
      className="border-t border-slate-100 dark:border-slate-800"
      data-testid="run-row"
      data-run-id={run.id}
    >
      <td className="px-3 py-2">
        <input type="checkbox" checked={selected} onChange={onToggle} aria-label={`Select ${run.name}`} />
      </td>
      <td className="px-3 py-2 font-medium">
        <Link href={`/runs/${run.id}`} className="hover:underline">
          {run.name}
        </Link>
      </td>
      <td className="px-3 py-2">
        <RunStatusBadge status={run.status} />
        {run.statusDetail && (
          <span className="ml-2 text-xs text-amber-700 dark:text-amber-400">{run.statusDetail}</span>
        )}
      </td>
      <td className="px-3 py-2 font-mono text-xs">{run.trainMode}</td>
      <td className="px-3 py-2 text-xs">{run.backend}</td>
      <td className="px-3 py-2 text-xs">{run.dataset}</td>
      <td className="px-3 py-2 text-right tabular-nums" data-testid="run-progress">
        {run.currentStep}/{run.totalSteps}
      </td>
      <td className="px-3 py-2 text-right tabular-nums">{formatMetric(run.bestTestPass1, true)}</td>
      <td className="px-3 py-2 text-right tabular-nums">{formatMetric(run.bestConservative, false)}</td>
      <td className="px-3 py-2 text-xs text-slate-600 dark:text-slate-400">
        {run.createdBy ?? "—"} · {dateFormat.format(new Date(run.createdAt))}
      </td>
      <td className="px-3 py-2 text-xs">
        {run.tags.map((t) => (
          <span key={t} className="mr-1 rounded bg-slate-100 px-1.5 py-0.5 dark:bg-slate-800">
            {t}
          </span>
        ))}
      </td>
    </tr>
  );
}

export function RunsList({ query, initial }: { query: RunListQuery; initial: RunListPage }) {
  const queryString = writeRunListQuery(query);
  const { page, streaming, error } = useLiveRunList(queryString, initial);
  const [selected, setSelected] = useState<string[]>([]);
  const toggle = (id: string) =>
    setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));

  if (page.total === 0) {
    return (
      <p
        data-testid="no-runs"
        className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-500"
      >
        No runs match.{" "}
        <Link href="/runs/new" className="underline">
          Launch a run
        </Link>{" "}
        or clear the filters.
      </p>
    );
  }
  return (
    <div className="space-y-3" data-live={streaming ? "stream" : "poll"}>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          Could not refresh the list: {error.message}
        </p>
      )}
      <div className="flex items-center gap-3 text-sm">
        <span data-testid="run-total">{page.total} runs</span>
        {selected.length >= 2 ? (
          <Link
            href={`/compare?runs=${selected.join(",")}`}
            className="rounded bg-slate-900 px-3 py-1 text-white dark:bg-slate-100 dark:text-slate-900"
          >
            Compare {selected.length}
          </Link>
        ) : (
          <span className="text-slate-500">Select two or more runs to compare</span>
        )}
      </div>
      <div className="overflow-x-auto">
        <table
          data-testid="runs-table"
          className="w-full rounded-lg border border-slate-200 bg-white text-sm dark:border-slate-700 dark:bg-slate-900"
        >
          <thead className="bg-slate-50 text-left text-slate-500 dark:bg-slate-800 dark:text-slate-300">
            <tr>
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">Select</span>
              </th>
              <SortHeader query={query} sortKey="name" label="Run" />
              <SortHeader query={query} sortKey="status" label="Status" />
              <th scope="col" className="px-3 py-2 font-medium">
                Mode
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Backend
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Dataset
              </th>
              <SortHeader query={query} sortKey="progress" label="Progress" />
              <SortHeader query={query} sortKey="bestTestPass1" label="Best test Pass@1" />
              <SortHeader query={query} sortKey="bestConservative" label="Best μ−3σ" />
              <SortHeader query={query} sortKey="createdAt" label="Created (UTC)" />
              <th scope="col" className="px-3 py-2 font-medium">
                Tags
              </th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((run) => (
              <RunRow
                key={run.id}
                run={run}
                selected={selected.includes(run.id)}
                onToggle={() => toggle(run.id)}
              />
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
        {page.page > 1 && (
          <Link href={`/runs${writeRunListQuery(query, { page: page.page - 1 })}`}>← Previous</Link>
        )}
        <span>
          Page {page.page} of {page.pageCount}
        </span>
        {page.page < page.pageCount && (
          <Link href={`/runs${writeRunListQuery(query, { page: page.page + 1 })}`}>Next →</Link>
        )}
      </nav>
    </div>
  );
}
