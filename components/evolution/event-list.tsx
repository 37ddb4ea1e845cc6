"use client";
import Link from "next/link";
import type { EventList } from "@/lib/server/read/evolution/list-events";
import type { EvolutionViewQuery } from "@/lib/domain/prompts/query";
import { evolutionHref } from "@/lib/domain/prompts/urls";
import { useLiveEvents } from "@/lib/client/live/use-live-views";
import { FILTER_FIELD, FilterField, FilterSelect } from "@/components/forms/filter-bar";

export function EventListPanel({
  viewBase,
  list: rendered,
  query,
  selected,
}: {
  viewBase: string;
  list: EventList;
  query: EvolutionViewQuery;
  selected: number | null;
}) {
  const list = useLiveEvents(rendered, query);
  const filters = { step: query.step, kind: query.kind, status: query.status };
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  return (
    <section aria-label="Evolution events" className="space-y-3">
      <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Filter events">
        <FilterField label="Step">
          <input
            name="step"
            type="number"
            min={0}
            defaultValue={query.step ?? ""}
            className={`${FILTER_FIELD} w-20`}
          />
        </FilterField>
        <FilterSelect
          label="Kind"
          name="kind"
          defaultValue={query.kind}
          emptyLabel="all"
          options={["mutation", "crossover"]}
        />
        <FilterSelect
          label="Status"
          name="status"
          defaultValue={query.status}
          emptyLabel="all"
          options={["ok", "failed"]}
        />
        <button type="submit" className="rounded bg-sky-700 px-3 py-1 text-sm text-white hover:bg-sky-800">
          Filter
        </button>
      </form>
      <p className="text-xs text-slate-500" data-testid="event-count">
        {list.total} event{list.total === 1 ? "" : "s"}
      </p>
      <ul className="divide-y divide-slate-200 text-sm">
        {list.items.map((e) => (
          <li key={e.id} className={e.id === selected ? "bg-sky-50" : undefined}>
            <Link
              href={evolutionHref(viewBase, {
                ...filters,
                page: list.page > 1 ? list.page : undefined,
                event: e.id,
              })}
              className="block px-2 py-2 hover:bg-slate-50"
              data-testid={`event-${e.id}`}
            >
              <span className="font-medium">
                step {e.step} · {e.kind}
              </span>{" "}
              <span className={e.status === "failed" ? "text-rose-700" : "text-slate-600"}>
                {e.status}
                {e.outcome && e.outcome !== "failed" ? ` · ${e.outcome.replace("_", " ")}` : ""}
              </span>
              <span className="block text-xs text-slate-600">
                #{e.parentIds.join(", #")} → {e.childProgramId === null ? "no child" : `#${e.childProgramId}`}{" "}
                · {e.callCount} call{e.callCount === 1 ? "" : "s"}
              </span>
              {e.error ? <span className="block truncate text-xs text-rose-700">{e.error}</span> : null}
            </Link>
          </li>
        ))}
      </ul>
      {pages > 1 ? (
        <nav aria-label="Event pages" className="flex items-center gap-3 text-sm">
          {list.page > 1 ? (
            <Link href={evolutionHref(viewBase, { ...filters, page: list.page - 1, event: selected })}>
              ← Newer
            </Link>
          ) : null}
          <span className="text-slate-500">
            page {list.page} of {pages}
          </span>
          {list.page < pages ? (
            <Link href={evolutionHref(viewBase, { ...filters, page: list.page + 1, event: selected })}>
              Older →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
