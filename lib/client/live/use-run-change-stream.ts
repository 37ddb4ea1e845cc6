"use client";
/**
 * Holds /api/events open and folds each run change into one React Query cache entry with a pure `apply`
 * (null: the change is not in that entry, so it is refetched instead). Returns whether the stream is up,
 * so the caller's query can fall back to polling while it is not.
 */
import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { runChangeSchema, type RunChange } from "@/lib/domain/run-change";
import { foldRunChange } from "./fold-run-change";

export interface RunChangeStreamOptions {
  /** Only these runs' changes (at most 100, the route's limit); absent: every run the caller may read. */
  runIds?: readonly string[];
  /**
   * Refetches wait this long and take every change that came meanwhile with them: an entry that is
   * costly to read (an experiment's aggregate) is then not re-read for each run's every step. The
   * refetch always starts after the newest change, so none is lost.
   */
  throttleMs?: number;
}

export function useRunChangeStream<T>(
  key: QueryKey,
  apply: (data: T, change: RunChange) => T | null,
  options: RunChangeStreamOptions = {},
): boolean {
  const queryClient = useQueryClient();
  const [streaming, setStreaming] = useState(false);
  // The key arrives as a fresh array each render; its text is the stable identity the effect depends on.
  const keyText = JSON.stringify(key);
  const runsParam = options.runIds && options.runIds.length > 0 ? options.runIds.join(",") : "";
  const throttleMs = options.throttleMs ?? 0;

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const queryKey = JSON.parse(keyText) as QueryKey;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refetch = () => {
      if (throttleMs <= 0) return void queryClient.invalidateQueries({ queryKey });
      timer ??= setTimeout(() => {
        timer = null;
        void queryClient.invalidateQueries({ queryKey });
      }, throttleMs);
    };
    const source = new EventSource(runsParam ? `/api/events?runs=${runsParam}` : "/api/events");
    // A change committed between the page's render and the stream opening would be missed: refetch once on ready.
    source.addEventListener("ready", () => {
      setStreaming(true);
      void queryClient.invalidateQueries({ queryKey });
    });
    source.addEventListener("error", () => setStreaming(false));
    source.addEventListener("resync", refetch);
    source.addEventListener("run", (event) => {
      const parsed = runChangeSchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (!parsed.success) return;
      foldRunChange(queryClient, queryKey, apply, parsed.data, refetch);
    });
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [queryClient, keyText, apply, runsParam, throttleMs]);

  return streaming;
}
