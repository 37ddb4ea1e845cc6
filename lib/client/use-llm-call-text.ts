"use client";
/** A reflection call's prompt and reply, fetched only when a panel opens (never all replies of a run at once). */
import { useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { useRunView } from "@/lib/client/run-view-context";
import { fetchApiJson } from "@/lib/client/fetch-json";
import { runQueryKey } from "@/lib/client/live/run-query-keys";

const llmCallTextSchema = z.object({
  id: z.string(),
  purpose: z.string(),
  prompt: z.string(),
  rawReply: z.string().nullable(),
  error: z.string().nullable(),
});
export type LlmCallTextReply = z.infer<typeof llmCallTextSchema>;

export const llmCallTextKey = (runId: string, callId: string) => runQueryKey(runId, "llm-call", callId);

async function fetchLlmCallText(
  runId: string,
  callId: string,
  shareToken: string | null,
): Promise<LlmCallTextReply> {
  return llmCallTextSchema.parse(
    await fetchApiJson<unknown>(`/api/runs/${runId}/llm-calls/${callId}`, shareToken),
  );
}

export function useLlmCallText(runId: string, callId: string, enabled: boolean) {
  const { shareToken } = useRunView(runId);
  return useQuery({
    queryKey: llmCallTextKey(runId, callId),
    queryFn: () => fetchLlmCallText(runId, callId, shareToken),
    enabled,
    // A committed call never changes.
    staleTime: Infinity,
  });
}
