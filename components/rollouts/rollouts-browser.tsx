"use client";
/**
 * The rollouts browser: filters and the opened rollout live in the URL (shareable, back/forward work);
 * pages of summaries come from the list route, the opened rollout's text from its own route. Changing
 * the URL goes through the History API, which Next keeps in step with useSearchParams, so a filter
 * change refetches only the list, not the whole page. With a search in the critiques, the list is the
 * matching critiques instead (critique-hit-list.tsx).
 */
import { useSearchParams } from "next/navigation";
import type { RolloutFilterOptions } from "@/lib/server/read/rollout-filter-options";
import type { RolloutPage } from "@/lib/server/read/list-rollouts";
import {
  COUNT_CAP,
  parseRolloutFilters,
  serializeRolloutFilters,
  type RolloutFilters,
} from "@/lib/domain/rollouts/rollout-filters";
import { critiqueSearchParams } from "@/lib/domain/rollouts/critique-search";
import { useCritiquePages, useRolloutPages } from "@/lib/client/use-rollouts";
import { CritiqueHitList } from "./critique-hit-list";
import { RolloutDetailPanel } from "./rollout-detail-panel";
import { RolloutFilterBar } from "./rollout-filter-bar";
import { RolloutList } from "./rollout-list";

export function RolloutsBrowser({
  runId,
  options,
  initialFilters,
  initialPage,
}: {
  runId: string;
  options: RolloutFilterOptions;
  /** The canonical filter string the server rendered `initialPage` for. */
  initialFilters: string;
  initialPage: RolloutPage;
}) {
  const searchParams = useSearchParams();
  const parsed = parseRolloutFilters(Object.fromEntries(searchParams));
  // The page refuses bad URLs before it renders; a later bad edit of the URL falls back to no filters.
  const filters: RolloutFilters = parsed.success ? parsed.data : { sort: "oldest" };
  const canonical = serializeRolloutFilters(filters);
  const selectedId = /^\d+$/.test(searchParams.get("rollout") ?? "") ? searchParams.get("rollout") : null;
  const pages = useRolloutPages(
    runId,
    canonical,
    filters.sort,
    canonical === initialFilters ? initialPage : undefined,
  );
  const rows = pages.data?.pages.flatMap((p) => p.rows) ?? [];
  const first = pages.data?.pages[0];
  const matched = first?.matched;

  const go = (query: string, push: boolean) => {
    const url = query ? `?${query}` : window.location.pathname;
    if (push) window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  };
  const changeFilters = (patch: Partial<RolloutFilters>) =>
    go(serializeRolloutFilters({ ...filters, ...patch }), true);
  const select = (id: string) => {
    const params = new URLSearchParams(canonical);
    params.set("rollout", id);
    go(params.toString(), false);
  };

  return (
    <div className="space-y-3">
      <RolloutFilterBar
        filters={filters}
        options={{ ...options, problem: options.problem?.id === filters.problem ? options.problem : null }}
        onChange={changeFilters}
      />
      {filters.in === "critiques" && filters.q !== undefined ? (
        <CritiqueResults runId={runId} filters={filters} />
      ) : (
        <>
          <p className="text-sm text-slate-600" data-testid="rollout-count">
            {pages.isPending
              ? "Loading…"
              : pages.error
                ? `Could not load rollouts: ${pages.error.message}`
                : matched
                  ? `${matched.count.toLocaleString("en-US")}${matched.capped ? `+ (counted up to ${COUNT_CAP.toLocaleString("en-US")})` : ""} matching rollouts · ${rows.length} loaded`
                  : null}
          </p>
          {first?.searchHasNoWords && (
            <p role="status" className="text-sm text-amber-800" data-testid="search-no-words">
              The search “{filters.q}” has no word to look for (only punctuation or very common words such as
              “the”); try other words.
            </p>
          )}
          <div className="grid gap-4 lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
            <RolloutList
              // Searched rows are taller: a fresh list measures them anew.
              key={filters.q === undefined ? "plain" : "search"}
              rows={rows}
              selectedId={selectedId}
              onSelect={select}
              hasNextPage={pages.hasNextPage}
              isFetchingNextPage={pages.isFetchingNextPage}
              fetchNextPage={() => void pages.fetchNextPage()}
            />
            <div className="min-w-0">
              <RolloutDetailPanel runId={runId} rolloutId={selectedId} />
            </div>
          </div>
        </>
      )}
    </div>
  );
}

/** The critiques matching the search (and the step and program filters), with the count line. */
function CritiqueResults({ runId, filters }: { runId: string; filters: RolloutFilters }) {
  const pages = useCritiquePages(runId, critiqueSearchParams(filters));
  const hits = pages.data?.pages.flatMap((p) => p.rows) ?? [];
  const first = pages.data?.pages[0];
  return (
    <>
      <p className="text-sm text-slate-600" data-testid="critique-count">
        {pages.isPending
          ? "Loading…"
          : pages.error
            ? `Could not search the critiques: ${pages.error.message}`
            : first
              ? `${first.matched.count.toLocaleString("en-US")}${first.matched.capped ? "+" : ""} matching critiques · ${hits.length} loaded`
              : null}
      </p>
      {first?.searchHasNoWords && (
        <p role="status" className="text-sm text-amber-800" data-testid="search-no-words">
          The search “{filters.q}” has no word to look for; try other words.
        </p>
      )}
      {first && (
        <CritiqueHitList
          runId={runId}
          hits={hits}
          hasNextPage={pages.hasNextPage}
          isFetchingNextPage={pages.isFetchingNextPage}
          fetchNextPage={() => void pages.fetchNextPage()}
        />
      )}
    </>
  );
}
