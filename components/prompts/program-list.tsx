"use client";
import Link from "next/link";
import type { ProgramList } from "@/lib/server/read/prompts/list-programs";
import { promptsHref } from "@/lib/domain/prompts/urls";
import { useLivePrograms } from "@/lib/client/live/use-live-views";

export function ProgramListPanel({
  viewBase,
  list: rendered,
  q,
  selected,
}: {
  viewBase: string;
  list: ProgramList;
  q: string | undefined;
  selected: number | undefined;
}) {
  const list = useLivePrograms(rendered, q);
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  return (
    <section aria-label="Programs" className="space-y-3">
      <form method="get" role="search" className="flex gap-2">
        <label className="sr-only" htmlFor="principle-search">
          Search principles
        </label>
        <input
          id="principle-search"
          name="q"
          defaultValue={q ?? ""}
          placeholder="Search principle text"
          className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 text-sm"
        />
        <button type="submit" className="rounded bg-sky-700 px-3 py-1 text-sm text-white hover:bg-sky-800">
          Search
        </button>
      </form>
      <p className="text-xs text-slate-500" data-testid="program-count">
        {list.total.toLocaleString("en")}
        {list.totalCapped ? "+" : ""} program{list.total === 1 && !list.totalCapped ? "" : "s"}
        {q ? ` with “${q}”` : ""}
      </p>
      <ul className="divide-y divide-slate-200 text-sm">
        {list.items.map((p) => (
          <li key={p.programId} className={p.programId === selected ? "bg-sky-50" : undefined}>
            <Link
              href={promptsHref(viewBase, {
                q,
                page: list.page > 1 ? list.page : undefined,
                program: p.programId,
              })}
              className="block px-2 py-2 hover:bg-slate-50"
              data-testid={`program-${p.programId}`}
            >
              <span className="font-medium">#{p.programId}</span>{" "}
              <span className="text-xs text-slate-600">
                {p.origin} · step {p.birthStep} · {p.principleCount} principles · μ {p.mu.toFixed(1)}
                {p.evictedAtStep !== null ? ` · evicted at ${p.evictedAtStep}` : ""}
              </span>
              {p.shown.map((s) => (
                <span key={s.id} title={s.text} className="mt-1 block truncate text-xs text-slate-600">
                  <span className="font-mono">{s.id}</span> {s.text}
                </span>
              ))}
            </Link>
          </li>
        ))}
      </ul>
      {pages > 1 ? (
        <nav aria-label="Program pages" className="flex items-center gap-3 text-sm">
          {list.page > 1 ? (
            <Link href={promptsHref(viewBase, { q, page: list.page - 1, program: selected })}>← Newer</Link>
          ) : null}
          <span className="text-slate-500">
            page {list.page} of {pages}
          </span>
          {list.page < pages ? (
            <Link href={promptsHref(viewBase, { q, page: list.page + 1, program: selected })}>Older →</Link>
          ) : null}
        </nav>
      ) : null}
      <form method="get" className="flex flex-wrap items-end gap-2 border-t border-slate-200 pt-3 text-sm">
        <label className="flex flex-col">
          <span className="text-xs text-slate-500">Diff program A</span>
          <input
            name="a"
            type="number"
            min={0}
            required
            className="w-24 rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="flex flex-col">
          <span className="text-xs text-slate-500">against B</span>
          <input
            name="b"
            type="number"
            min={0}
            required
            className="w-24 rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <button type="submit" className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-50">
          Diff
        </button>
      </form>
    </section>
  );
}
