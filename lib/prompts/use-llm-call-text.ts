"use client";
/** A reflection call's prompt and reply, fetched only when a panel opens (never all replies of a run at once). */
import { useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { useRunView } from "@/components/run/run-view-context";
import { withShareToken } from "@/lib/http/share-url";

const llmCallTextSchema = z.object({
  id: z.string(),
  purpose: z.string(),
  prompt: z.string(),
  rawReply: z.string().nullable(),
  error: z.string().nullable(),
});
export type LlmCallTextReply = z.infer<typeof llmCallTextSchema>;

export const llmCallTextKey = (runId: string, callId: string) => ["llm-call-text", runId, callId] as const;

async function fetchLlmCallText(
  runId: string,
  callId: string,
  shareToken: string | null,
): Promise<LlmCallTextReply> {
  const res = await fetch(withShareToken(`/api/runs/${runId}/llm-calls/${callId}`, shareToken), {
    cache: "no-store",
  });
  if (!res.ok) throw new Error(`loading the call failed (${res.status})`);
  return llmCallTextSchema.parse(await res.json());
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
