"use client";
/**
 * An experiment's group read as React Query state, kept live by its runs' changes (the `runs=` filter
 * of /api/events), and the group's launch and controls as mutations through the experiment routes.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ExperimentControlInput, ExperimentLaunchInput } from "@/lib/domain/experiments/launch-spec";
import type { ExperimentGroups } from "@/lib/server/read/experiment-groups";
import type { ExperimentControlResult } from "@/lib/server/experiments/control-experiment";
import { fetchApiJson, postApiJson } from "@/lib/client/fetch-json";
import { applyExperimentChange } from "./live/apply-experiment-change";
import { useRunChangeStream } from "./live/use-run-change-stream";

const POLL_MS = 5_000;
/** A group of runs steps many times a second; its aggregate is re-read at most this often. */
const REFETCH_EVERY_MS = 750;
/** The events route takes at most this many run ids; a larger group listens to every run it may read. */
const MAX_FILTER_RUNS = 100;
const ACTIVE = new Set(["queued", "running", "paused"]);

export const experimentKey = (experimentId: string, queryString: string) => [
  "experiment",
  experimentId,
  queryString,
];

export function useLiveExperiment(experimentId: string, queryString: string, initial: ExperimentGroups) {
  const key = experimentKey(experimentId, queryString);
  // The runs to listen to, from the newest read (the stream is opened before the query below).
  const current = useQueryClient().getQueryData<ExperimentGroups>(key) ?? initial;
  const runIds = current.table.runs.map((r) => r.id);
  const streaming = useRunChangeStream(key, applyExperimentChange<ExperimentGroups>, {
    runIds: runIds.length <= MAX_FILTER_RUNS ? runIds : undefined,
    throttleMs: REFETCH_EVERY_MS,
  });
  const active = current.table.runs.some((r) => ACTIVE.has(r.status));
  const query = useQuery({
    queryKey: key,
    queryFn: () => fetchApiJson<ExperimentGroups>(`/api/experiments/${experimentId}${queryString}`, null),
    initialData: initial,
    // Polling only while the stream is down and a run can still change.
    refetchInterval: !streaming && active ? POLL_MS : false,
  });
  return { groups: query.data, streaming, error: query.error };
}

export function useLaunchExperiment() {
  return useMutation({
    mutationFn: (input: ExperimentLaunchInput) =>
      postApiJson<{ experimentId: string; name: string; runIds: string[] }>("/api/experiments", input),
  });
}

export function useControlExperiment(experimentId: string, projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: ExperimentControlInput["action"]) =>
      postApiJson<ExperimentControlResult>(`/api/experiments/${experimentId}/control`, {
        projectId,
        action,
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["experiment", experimentId] }),
  });
}
