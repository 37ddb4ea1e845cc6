"use client";
/**
 * The rollouts browser's server state: keyset pages of summaries as an infinite query (one key per
 * canonical filter string, so equal filters share a cache entry), and one rollout's text on demand.
 */
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { RolloutPage } from "@/lib/data/list-rollouts";
import type { RolloutDetail } from "@/lib/data/rollout-detail";
import { useRunView } from "@/components/run/run-view-context";
import { fetchApiJson } from "@/lib/http/fetch-json";

export const rolloutPagesKey = (runId: string, filters: string) => ["rollout-pages", runId, filters] as const;
export const rolloutDetailKey = (runId: string, rolloutId: string) =>
  ["rollout-detail", runId, rolloutId] as const;

/** `filters` is the canonical query string (serializeRolloutFilters); `initial` is the server's first page for it. */
export function useRolloutPages(runId: string, filters: string, initial: RolloutPage | undefined) {
  const { shareToken } = useRunView(runId);
  return useInfiniteQuery({
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
