"use client";
/**
 * The rollouts browser's server state: keyset pages of summaries as an infinite query (one key per
 * canonical filter string, so equal filters share a cache entry), and one rollout's text on demand.
 */
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { RolloutPage } from "@/lib/data/list-rollouts";
import type { RolloutDetail } from "@/lib/data/rollout-detail";

export const rolloutPagesKey = (runId: string, filters: string) => ["rollout-pages", runId, filters] as const;
export const rolloutDetailKey = (runId: string, rolloutId: string) =>
  ["rollout-detail", runId, rolloutId] as const;

async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `request failed (${res.status})`);
  }
  return (await res.json()) as T;
}

/** `filters` is the canonical query string (serializeRolloutFilters); `initial` is the server's first page for it. */
export function useRolloutPages(runId: string, filters: string, initial: RolloutPage | undefined) {
  return useInfiniteQuery({
    queryKey: rolloutPagesKey(runId, filters),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams(filters);
      if (pageParam) params.set("cursor", pageParam);
      return fetchJson<RolloutPage>(`/api/runs/${runId}/rollouts?${params}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: initial ? { pages: [initial], pageParams: [null] } : undefined,
  });
}

export function useRolloutDetail(runId: string, rolloutId: string | null) {
  return useQuery({
    queryKey: rolloutDetailKey(runId, rolloutId ?? ""),
    queryFn: () => fetchJson<RolloutDetail>(`/api/runs/${runId}/rollouts/${rolloutId}`),
    enabled: rolloutId !== null,
    // A committed rollout never changes.
    staleTime: Infinity,
  });
}
