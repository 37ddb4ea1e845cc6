import Link from "next/link";
import type { EventList } from "@/lib/data/evolution/list-events";
import type { EvolutionViewQuery } from "@/lib/prompts/query";
import { evolutionHref } from "@/lib/prompts/urls";

const select = "rounded border border-slate-300 px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900";

export function EventListPanel({
  viewBase,
  list,
  query,
  selected,
}: {
  viewBase: string;
  list: EventList;
  query: EvolutionViewQuery;
  selected: number | null;
}) {
  const filters = { step: query.step, kind: query.kind, status: query.status };
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  return (
    <section aria-label="Evolution events" className="space-y-3">
      <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Filter events">
        <label className="flex flex-col text-xs text-slate-500">
          Step
          <input
            name="step"
            type="number"
            min={0}
            defaultValue={query.step ?? ""}
            className={`${select} w-20`}
          />
        </label>
        <label className="flex flex-col text-xs text-slate-500">
          Kind
          <select name="kind" defaultValue={query.kind ?? ""} className={select}>
            <option value="">all</option>
            <option value="mutation">mutation</option>
            <option value="crossover">crossover</option>
          </select>
        </label>
        <label className="flex flex-col text-xs text-slate-500">
          Status
          <select name="status" defaultValue={query.status ?? ""} className={select}>
            <option value="">all</option>
            <option value="ok">ok</option>
            <option value="failed">failed</option>
          </select>
        </label>
        <button type="submit" className="rounded bg-sky-700 px-3 py-1 text-sm text-white hover:bg-sky-800">
          Filter
        </button>
      </form>
      <p className="text-xs text-slate-500" data-testid="event-count">
        {list.total} event{list.total === 1 ? "" : "s"}
      </p>
      <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-700">
        {list.items.map((e) => (
          <li key={e.id} className={e.id === selected ? "bg-sky-50 dark:bg-sky-950/40" : undefined}>
            <Link
              href={evolutionHref(viewBase, {
                ...filters,
                page: list.page > 1 ? list.page : undefined,
                event: e.id,
              })}
              className="block px-2 py-2 hover:bg-slate-50 dark:hover:bg-slate-800"
              data-testid={`event-${e.id}`}
            >
              <span className="font-medium">
                step {e.step} · {e.kind}
              </span>{" "}
              <span className={e.status === "failed" ? "text-rose-700 dark:text-rose-400" : "text-slate-500"}>
                {e.status}
                {e.outcome && e.outcome !== "failed" ? ` · ${e.outcome.replace("_", " ")}` : ""}
              </span>
              <span className="block text-xs text-slate-500">
                #{e.parentIds.join(", #")} → {e.childProgramId === null ? "no child" : `#${e.childProgramId}`}{" "}
                · {e.callCount} call{e.callCount === 1 ? "" : "s"}
              </span>
              {e.error ? (
                <span className="block truncate text-xs text-rose-700 dark:text-rose-400">{e.error}</span>
              ) : null}
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
