"use client";
/**
 * One run's overview (progress, charts, usage) as React Query state, kept live by the run-level
 * subscription (live-run-provider.tsx): a committed step or a status change of this run refetches the
 * downsampled overview at once; without the stream the query polls.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { RunOverview } from "@/lib/server/read/run-overview";
import { refreshOverview } from "./fetch-run-overview";
import { useRunStreaming } from "./live-run-provider";
import { runOverviewKey } from "./run-query-keys";

const POLL_MS = 3_000;

/** `shareToken`: a share link's views authenticate their requests with it. */
export function useLiveRun(initial: RunOverview, shareToken: string | null) {
  const runId = initial.run.id;
  const queryClient = useQueryClient();
  const streaming = useRunStreaming();
  const query = useQuery({
    queryKey: runOverviewKey(runId),
    queryFn: () =>
      refreshOverview(runId, shareToken, queryClient.getQueryData<RunOverview>(runOverviewKey(runId))),
    initialData: initial,
    refetchInterval: streaming ? false : POLL_MS,
  });
  return { overview: query.data, streaming, error: query.error };
}
