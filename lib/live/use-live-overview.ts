"use client";
/**
 * The overview as React Query state, kept live: Server-Sent Events from /api/events patch the cached
 * overview within a moment of each committed step; if the stream cannot be held open the query falls
 * back to polling /api/overview every few seconds.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { Overview } from "@/lib/data/overview";
import { applyRunChange } from "./apply-run-change";
import { runChangeSchema } from "./run-change";

const OVERVIEW_KEY = ["overview"] as const;
const POLL_MS = 5_000;

async function fetchOverview(): Promise<Overview> {
  const res = await fetch("/api/overview", { cache: "no-store" });
  if (!res.ok) throw new Error(`overview request failed (${res.status})`);
  return (await res.json()) as Overview;
}

export function useLiveOverview(initial: Overview) {
  const queryClient = useQueryClient();
  const [streaming, setStreaming] = useState(false);
  const query = useQuery({
    queryKey: OVERVIEW_KEY,
    queryFn: fetchOverview,
    initialData: initial,
    refetchInterval: streaming ? false : POLL_MS,
  });

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource("/api/events");
    source.addEventListener("ready", () => setStreaming(true));
    source.addEventListener("error", () => setStreaming(false));
    source.addEventListener("resync", () => void queryClient.invalidateQueries({ queryKey: OVERVIEW_KEY }));
    source.addEventListener("run", (event) => {
      const parsed = runChangeSchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (!parsed.success) return;
      const current = queryClient.getQueryData<Overview>(OVERVIEW_KEY);
      const next = current && applyRunChange(current, parsed.data);
      if (next) queryClient.setQueryData(OVERVIEW_KEY, next);
      else void queryClient.invalidateQueries({ queryKey: OVERVIEW_KEY });
    });
    return () => source.close();
  }, [queryClient]);

  return { overview: query.data, streaming };
}
