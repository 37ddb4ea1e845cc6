"use client";
/** The lineage and leaderboard replay's React Query hook: every program's rating after a step. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRunView } from "@/lib/client/run-view-context";
import { fetchApiJson } from "@/lib/client/fetch-json";
import type { RatingsAt } from "@/lib/view/lineage/replay";
import { runQueryKey } from "@/lib/client/live/run-query-keys";
import { useSettledValue } from "./use-settled-value";

/** How long the slider rests before its step is fetched. */
const SETTLE_MS = 150;

/**
 * Ratings as of `step`; `at` is null at the last step (the final values the page already has) and
 * until the first replayed step arrives. While the next step loads the previous step's values stay
 * (`pending` says so), so scrubbing does not flicker.
 */
export function useRatingsAt(runId: string, step: number, lastStep: number) {
  const { shareToken } = useRunView(runId);
  const replaying = step < lastStep;
  const settled = useSettledValue(step, SETTLE_MS);
  const query = useQuery({
    queryKey: runQueryKey(runId, "ratings-at", settled),
    queryFn: () => fetchApiJson<RatingsAt>(`/api/runs/${runId}/ratings/replay?step=${settled}`, shareToken),
    enabled: settled < lastStep,
    // A committed step never changes, so its ratings never do.
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
  return {
    at: replaying ? (query.data ?? null) : null,
    pending:
      replaying && (settled !== step || query.isPlaceholderData || query.data === undefined) && !query.error,
    error: replaying ? query.error : null,
  };
}
