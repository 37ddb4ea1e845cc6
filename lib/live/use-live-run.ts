"use client";
/**
 * One run's overview as React Query state, kept live: a change of this run announced over /api/events
 * (a committed step moves currentStep) refetches the downsampled overview at once; without the stream
 * the query polls.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { RunOverview } from "@/lib/data/run-overview";
import { withShareToken } from "@/lib/http/share-url";
import { runChangeSchema } from "./run-change";

const POLL_MS = 3_000;

export const runOverviewKey = (runId: string) => ["run-overview", runId] as const;

async function fetchRunOverview(runId: string, shareToken: string | null): Promise<RunOverview> {
  const res = await fetch(withShareToken(`/api/runs/${runId}/overview`, shareToken), { cache: "no-store" });
  if (!res.ok) throw new Error(`run request failed (${res.status})`);
  return (await res.json()) as RunOverview;
}

/** `shareToken`: a share link's views authenticate their requests with it. */
export function useLiveRun(initial: RunOverview, shareToken: string | null) {
  const runId = initial.run.id;
  const queryClient = useQueryClient();
  const [streaming, setStreaming] = useState(false);
  const query = useQuery({
    queryKey: runOverviewKey(runId),
    queryFn: () => fetchRunOverview(runId, shareToken),
    initialData: initial,
    refetchInterval: streaming ? false : POLL_MS,
  });

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(withShareToken("/api/events", shareToken));
    const refresh = () => void queryClient.invalidateQueries({ queryKey: runOverviewKey(runId) });
    source.addEventListener("ready", () => setStreaming(true));
    source.addEventListener("error", () => setStreaming(false));
    source.addEventListener("resync", refresh);
    source.addEventListener("run", (event) => {
      const parsed = runChangeSchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (parsed.success && parsed.data.runId === runId) refresh();
    });
    return () => source.close();
  }, [queryClient, runId, shareToken]);

  return { overview: query.data, streaming, error: query.error };
}
