"use client";
/**
 * The overview as React Query state, kept live: Server-Sent Events from /api/events patch the cached
 * overview within a moment of each committed step; if the stream cannot be held open the query falls
 * back to polling /api/overview every few seconds.
 */
import { useQuery } from "@tanstack/react-query";
import type { Overview } from "@/lib/data/overview";
import { applyRunChange } from "./apply-run-change";
import { useRunChangeStream } from "./use-run-change-stream";

const OVERVIEW_KEY = ["overview"] as const;
const POLL_MS = 5_000;

async function fetchOverview(): Promise<Overview> {
  const res = await fetch("/api/overview", { cache: "no-store" });
  if (!res.ok) throw new Error(`overview request failed (${res.status})`);
  return (await res.json()) as Overview;
}

export function useLiveOverview(initial: Overview) {
  const streaming = useRunChangeStream(OVERVIEW_KEY, applyRunChange);
  const query = useQuery({
    queryKey: OVERVIEW_KEY,
    queryFn: fetchOverview,
    initialData: initial,
    refetchInterval: streaming ? false : POLL_MS,
  });
  return { overview: query.data, streaming };
}
