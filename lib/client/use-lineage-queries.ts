"use client";
/**
 * React Query hooks of the lineage and ratings views: node detail, principle search, ratings selection.
 * Keyed under the run (lib/client/live/run-query-keys.ts), so a committed step refetches the open ones.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRunView } from "@/lib/client/run-view-context";
import { fetchApiJson as getJson } from "@/lib/client/fetch-json";
import type { LineageNodeDetail, RatingsSelection } from "@/lib/view/lineage/types";
import { runQueryKey } from "@/lib/client/live/run-query-keys";

export function useLineageNode(runId: string, programId: number | null) {
  const { shareToken } = useRunView(runId);
  return useQuery({
    queryKey: runQueryKey(runId, "lineage", "node", programId),
    queryFn: () => getJson<LineageNodeDetail>(`/api/runs/${runId}/lineage/${programId}`, shareToken),
    enabled: programId !== null,
    staleTime: 60_000,
  });
}

export function useLineageSearch(runId: string, text: string) {
  const { shareToken } = useRunView(runId);
  return useQuery({
    queryKey: runQueryKey(runId, "lineage", "search", text),
    queryFn: () =>
      getJson<{ ids: number[] }>(
        `/api/runs/${runId}/lineage/search?q=${encodeURIComponent(text)}`,
        shareToken,
      ),
    enabled: text.length > 0,
    staleTime: 60_000,
  });
}

export function useRatingsSelection(
  runId: string,
  programs: readonly number[],
  window: { from: number; to: number },
  initial: RatingsSelection,
  initialKey: string,
) {
  const { shareToken } = useRunView(runId);
  const key = `${programs.join(",")}|${window.from}|${window.to}`;
  return useQuery({
    queryKey: runQueryKey(runId, "ratings", "selection", key),
    queryFn: () => {
      const params = new URLSearchParams({ from: String(window.from), to: String(window.to) });
      if (programs.length > 0) params.set("programs", programs.join(","));
      return getJson<RatingsSelection>(`/api/runs/${runId}/ratings?${params}`, shareToken);
    },
    initialData: key === initialKey ? initial : undefined,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
