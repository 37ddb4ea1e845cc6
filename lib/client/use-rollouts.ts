"use client";
/**
 * The rollouts browser's server state: keyset pages of summaries as an infinite query (one key per
 * canonical filter string, so equal filters share a cache entry), kept live by asking only for the
 * rollouts of steps newer than the pages hold; the critique search's pages; one rollout's text on demand.
 */
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RolloutPage } from "@/lib/server/read/list-rollouts";
import type { RolloutDetail } from "@/lib/server/read/rollout-detail";
import type { CritiquePage } from "@/lib/server/read/search-critiques";
import type { RolloutSort } from "@/lib/domain/rollouts/rollout-filters";
import { useRunView } from "@/lib/client/run-view-context";
import { fetchApiJson } from "@/lib/client/fetch-json";
import { runQueryKey } from "@/lib/client/live/run-query-keys";
import { useLiveRunQuery } from "@/lib/client/live/use-live-run-query";
import { mergeNewerRollouts, type RolloutPages } from "@/lib/client/live/merge-newer-rollouts";

/** Not refreshed by a step itself (run-query-keys.ts): useFollowNewerRollouts extends it. */
export const rolloutPagesKey = (runId: string, filters: string) =>
  runQueryKey(runId, "rollout-pages", filters);
export const rolloutDetailKey = (runId: string, rolloutId: string) =>
  runQueryKey(runId, "rollout", rolloutId);

/** `filters` is the canonical query string (serializeRolloutFilters); `initial` is the server's first page for it. */
export function useRolloutPages(
  runId: string,
  filters: string,
  sort: RolloutSort,
  initial: RolloutPage | undefined,
) {
  const { shareToken } = useRunView(runId);
  const pages = useInfiniteQuery({
    queryKey: rolloutPagesKey(runId, filters),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams(filters);
      if (pageParam) params.set("cursor", pageParam);
      return fetchApiJson<RolloutPage>(`/api/runs/${runId}/rollouts?${params}`, shareToken);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: initial ? { pages: [initial], pageParams: [null] } : undefined,
  });
  useFollowNewerRollouts(runId, filters, sort, initial?.throughStep ?? null);
  return pages;
}

/**
 * On each committed step (or poll while the stream is down), asks for the rollouts after the step the
 * loaded pages were read through and merges them in (merge-newer-rollouts.ts); only where they cannot
 * be placed (best-first sorts that gained rows, a burst past one page) are the pages refetched. Its own
 * data is the step the pages are known through.
 */
function useFollowNewerRollouts(runId: string, filters: string, sort: RolloutSort, initial: number | null) {
  const view = useRunView(runId);
  const client = useQueryClient();
  const pagesKey = rolloutPagesKey(runId, filters);
  useLiveRunQuery<number | null>({
    view,
    key: runQueryKey(runId, "rollouts", filters),
    url: `/api/runs/${runId}/rollouts?${filters}`,
    initial,
    fetch: async (url, shareToken) => {
      // A step's refresh can overlap the previous one (both ask after the same step): the later answer
      // then no longer fits the pages and is asked again after the step they are now known through.
      for (let attempt = 0; attempt < 3; attempt++) {
        const through = client.getQueryData<RolloutPages>(pagesKey)?.pages[0]?.throughStep;
        if (through === undefined || through === null) break;
        const newer = await fetchApiJson<RolloutPage>(
          `${url}${url.includes("?") ? "&" : "?"}afterStep=${through}`,
          shareToken,
        );
        // Read and written with no await between: nothing can move the pages in the meantime.
        const held = client.getQueryData<RolloutPages>(pagesKey);
        if (!held || held.pages[0]?.throughStep !== through) continue;
        const merged = mergeNewerRollouts(held, newer, sort);
        if (merged === null) break;
        client.setQueryData<RolloutPages>(pagesKey, merged);
        return merged.pages[0]?.throughStep ?? null;
      }
      await client.refetchQueries({ queryKey: pagesKey, exact: true });
      return client.getQueryData<RolloutPages>(pagesKey)?.pages[0]?.throughStep ?? null;
    },
  });
}

/** The critique search's pages for `params` (critiqueSearchParams); refetched whole by a step (few rows). */
export function useCritiquePages(runId: string, params: string) {
  const { shareToken } = useRunView(runId);
  return useInfiniteQuery({
    queryKey: runQueryKey(runId, "rollouts", "critiques", params),
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams(params);
      if (pageParam) query.set("cursor", pageParam);
      return fetchApiJson<CritiquePage>(`/api/runs/${runId}/critiques?${query}`, shareToken);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useRolloutDetail(runId: string, rolloutId: string | null) {
  const { shareToken } = useRunView(runId);
  return useQuery({
    queryKey: rolloutDetailKey(runId, rolloutId ?? ""),
    queryFn: () => fetchApiJson<RolloutDetail>(`/api/runs/${runId}/rollouts/${rolloutId}`, shareToken),
    enabled: rolloutId !== null,
    // A committed rollout never changes.
    staleTime: Infinity,
  });
}
