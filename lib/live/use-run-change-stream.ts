"use client";
/**
 * Holds /api/events open and folds each run change into one React Query cache entry with a pure `apply`
 * (null: the change is not in that entry, so it is refetched instead). Returns whether the stream is up,
 * so the caller's query can fall back to polling while it is not.
 */
import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { runChangeSchema, type RunChange } from "./run-change";

export function useRunChangeStream<T>(
  key: QueryKey,
  apply: (data: T, change: RunChange) => T | null,
): boolean {
  const queryClient = useQueryClient();
  const [streaming, setStreaming] = useState(false);
  // The key arrives as a fresh array each render; its text is the stable identity the effect depends on.
  const keyText = JSON.stringify(key);

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const queryKey = JSON.parse(keyText) as QueryKey;
    const source = new EventSource("/api/events");
    // A change committed between the page's render and the stream opening would be missed: refetch once on ready.
    source.addEventListener("ready", () => {
      setStreaming(true);
      void queryClient.invalidateQueries({ queryKey });
    });
    source.addEventListener("error", () => setStreaming(false));
    source.addEventListener("resync", () => void queryClient.invalidateQueries({ queryKey }));
    source.addEventListener("run", (event) => {
      const parsed = runChangeSchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (!parsed.success) return;
      const current = queryClient.getQueryData<T>(queryKey);
      const next = current && apply(current, parsed.data);
      if (next) queryClient.setQueryData(queryKey, next);
      else void queryClient.invalidateQueries({ queryKey });
    });
    return () => source.close();
  }, [queryClient, keyText, apply]);

  return streaming;
}
