"use client";
/**
 * The run-level live subscription, mounted once by the run layout (member and share-link views alike):
 * it holds /api/events?runs=<id> open (with the share token on a share link's views) and, on a
 * committed step or a status change, invalidates only the run's queries that can have changed
 * (run-query-keys.ts). Views read `streaming` to poll while the stream is down.
 */
import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { runChangeSchema } from "@/lib/domain/run-change";
import { withShareToken } from "@/lib/domain/share-url";
import type { RunOverview } from "@/lib/server/read/run-overview";
import { patchRunOverview } from "./patch-run-overview";
import { needsRefetch, refreshFor, runOverviewKey, type HeardState, type Refresh } from "./run-query-keys";

const StreamingContext = createContext(false);

export function LiveRunProvider({
  runId,
  shareToken,
  children,
}: {
  runId: string;
  shareToken: string | null;
  children: ReactNode;
}) {
  const queryClient = useQueryClient();
  const [streaming, setStreaming] = useState(false);

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    let heard: HeardState | null = null;
    const refresh = (what: Refresh) =>
      void queryClient.invalidateQueries({ predicate: (q) => needsRefetch(q.queryKey, runId, what) });
    const source = new EventSource(withShareToken(`/api/events?runs=${runId}`, shareToken));
    // Changes between the page's render and the stream opening (or while it was down) were not heard.
    source.addEventListener("ready", () => {
      setStreaming(true);
      heard = null;
      refresh("step");
    });
    source.addEventListener("error", () => setStreaming(false));
    source.addEventListener("resync", () => {
      heard = null;
      refresh("step");
    });
    source.addEventListener("revoked", () => {
      source.close();
      setStreaming(false);
    });
    source.addEventListener("run", (event) => {
      const parsed = runChangeSchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (!parsed.success || parsed.data.runId !== runId) return;
      const change = parsed.data;
      const next = { currentStep: change.currentStep, status: change.status };
      const what = refreshFor(heard, next);
      heard = next;
      // The header moves now; the refetch below (which cancels any older one in flight) brings the charts.
      queryClient.setQueryData<RunOverview>(runOverviewKey(runId), (held) =>
        held ? patchRunOverview(held, change) : held,
      );
      refresh(what);
    });
    return () => source.close();
  }, [queryClient, runId, shareToken]);

  return <StreamingContext.Provider value={streaming}>{children}</StreamingContext.Provider>;
}

/** Whether the run's change stream is up; views poll while it is not. */
export function useRunStreaming(): boolean {
  return useContext(StreamingContext);
}
