"use client";
/** One page of the runs list as React Query state, patched live by run changes (polling while the stream is down). */
import { useQuery } from "@tanstack/react-query";
import type { RunListPage } from "@/lib/server/read/list-runs";
import { fetchApiJson } from "@/lib/client/fetch-json";
import { applyRunListChange } from "./apply-run-list-change";
import { useRunChangeStream } from "./use-run-change-stream";

const POLL_MS = 5_000;

export function useLiveRunList(queryString: string, initial: RunListPage) {
  const key = ["runs-list", queryString];
  const streaming = useRunChangeStream(key, applyRunListChange);
  const query = useQuery({
    queryKey: key,
    queryFn: () => fetchApiJson<RunListPage>(`/api/runs${queryString}`, null),
    initialData: initial,
    refetchInterval: streaming ? false : POLL_MS,
  });
  return { page: query.data, streaming, error: query.error };
}
