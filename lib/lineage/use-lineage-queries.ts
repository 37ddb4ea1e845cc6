"use client";
/** React Query hooks of the lineage and ratings views: node detail, principle search, ratings selection. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRunView } from "@/components/run/run-view-context";
import { fetchApiJson as getJson } from "@/lib/http/fetch-json";
import type { LineageNodeDetail, RatingsSelection } from "./types";

export function useLineageNode(runId: string, programId: number | null) {
  const { shareToken } = useRunView(runId);
  return useQuery({
    queryKey: ["lineage-node", runId, programId],
    queryFn: () => getJson<LineageNodeDetail>(`/api/runs/${runId}/lineage/${programId}`, shareToken),
    enabled: programId !== null,
    staleTime: 60_000,
  });
}

export function useLineageSearch(runId: string, text: string) {
  const { shareToken } = useRunView(runId);
  return useQuery({
    queryKey: ["lineage-search", runId, text],
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
    queryKey: ["ratings-selection", runId, key],
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
