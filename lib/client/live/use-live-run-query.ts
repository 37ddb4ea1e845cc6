"use client";
/**
 * One run view's data as React Query state, seeded with what the server rendered and refetched from the
 * view's /api route when the run-level subscription (live-run-provider.tsx) invalidates its key; while
 * the change stream is down it polls instead. Outside a run view (no enclosing run) it is the seed.
 */
import { useQuery, type QueryKey } from "@tanstack/react-query";
import { fetchApiJson } from "@/lib/client/fetch-json";
import type { RunView } from "@/lib/client/run-view-context";
import { useRunStreaming } from "./live-run-provider";

export const POLL_MS = 5_000;

export interface LiveRunQuery<T> {
  view: RunView | null;
  key: QueryKey;
  /** The view's API path; the share token is added on a share link's views. */
  url: string;
  initial: T;
  /** A fetch that reuses what the cache has (e.g. appends only newer rows); defaults to fetching `url`. */
  fetch?: (url: string, shareToken: string | null, current: T | undefined) => Promise<T>;
}

export function useLiveRunQuery<T>({ view, key, url, initial, fetch }: LiveRunQuery<T>): T {
  const streaming = useRunStreaming();
  const query = useQuery<T>({
    queryKey: key,
    queryFn: ({ client }) => {
      const shareToken = view?.shareToken ?? null;
      return fetch ? fetch(url, shareToken, client.getQueryData<T>(key)) : fetchApiJson<T>(url, shareToken);
    },
    initialData: initial,
    enabled: view !== null,
    refetchInterval: streaming || view === null ? false : POLL_MS,
  });
  return query.data ?? initial;
}
