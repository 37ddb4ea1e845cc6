"use client";
/**
 * The evaluations view's React Query hooks: the run's evaluations and one evaluation's grid (both polled
 * while something is queued or running, so the grid fills in), and the launch and cancel mutations.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { EvaluationSpecInput } from "@/lib/domain/evaluations/evaluation-spec";
import { fetchApiJson, postApiJson } from "@/lib/client/fetch-json";
import { useRunView } from "@/lib/client/run-view-context";
import type { EvaluationDetail, EvaluationSummary } from "@/lib/server/evaluations/read-evaluations";
import type { ProblemSamples } from "@/lib/server/evaluations/read-samples";

const POLL_MS = 1_000;
const isActive = (status: EvaluationSummary["status"] | undefined) =>
  status === "queued" || status === "running";

export const evaluationsKey = (runId: string) => ["run", runId, "evaluations"] as const;

export function useEvaluationList(runId: string, initial: EvaluationSummary[]) {
  const { shareToken } = useRunView(runId);
  return useQuery({
    queryKey: evaluationsKey(runId),
    queryFn: () => fetchApiJson<EvaluationSummary[]>(`/api/runs/${runId}/evaluations`, shareToken),
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.some((e) => isActive(e.status)) ? POLL_MS : false),
  });
}

export function useEvaluation(runId: string, evaluationId: string | null) {
  const { shareToken } = useRunView(runId);
  return useQuery({
    queryKey: [...evaluationsKey(runId), evaluationId],
    queryFn: () =>
      fetchApiJson<EvaluationDetail>(`/api/runs/${runId}/evaluations/${evaluationId}`, shareToken),
    enabled: evaluationId !== null,
    refetchInterval: (query) => (isActive(query.state.data?.status) ? POLL_MS : false),
  });
}

/** One problem's samples in two cells (a flip), once chosen; graded samples never change. */
export function useProblemSamples(
  runId: string,
  evaluationId: string,
  choice: { problem: number; cells: readonly number[] } | null,
) {
  const { shareToken } = useRunView(runId);
  return useQuery({
    queryKey: [...evaluationsKey(runId), evaluationId, "samples", choice?.problem, choice?.cells.join(",")],
    queryFn: () =>
      fetchApiJson<ProblemSamples>(
        `/api/runs/${runId}/evaluations/${evaluationId}/samples?problem=${choice!.problem}&cells=${choice!.cells.join(",")}`,
        shareToken,
      ),
    enabled: choice !== null,
    staleTime: Infinity,
  });
}

export function useLaunchEvaluation(runId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (spec: EvaluationSpecInput) =>
      postApiJson<{ id: string }>(`/api/runs/${runId}/evaluations`, spec),
    onSettled: () => queryClient.invalidateQueries({ queryKey: evaluationsKey(runId) }),
  });
}

export function useCancelEvaluation(runId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (evaluationId: string) =>
      postApiJson<{ cancelled: boolean }>(`/api/runs/${runId}/evaluations/${evaluationId}/cancel`, {}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: evaluationsKey(runId) }),
  });
}
