"use client";
/**
 * The overview as React Query state, kept live: Server-Sent Events from /api/events patch the cached
 * overview within a moment of each committed step; if the stream cannot be held open the query falls
 * back to polling /api/overview every few seconds.
 */
import { useQuery } from "@tanstack/react-query";
import type { Overview } from "@/lib/server/read/overview";
import { fetchApiJson } from "@/lib/client/fetch-json";
import { applyRunChange } from "./apply-run-change";
import { useRunChangeStream } from "./use-run-change-stream";

const OVERVIEW_KEY = ["overview"] as const;
const POLL_MS = 5_000;

export function useLiveOverview(initial: Overview) {
  const streaming = useRunChangeStream(OVERVIEW_KEY, applyRunChange);
  const query = useQuery({
    queryKey: OVERVIEW_KEY,
    queryFn: () => fetchApiJson<Overview>("/api/overview", null),
    initialData: initial,
    refetchInterval: streaming ? false : POLL_MS,
  });
  return { overview: query.data, streaming };
}
