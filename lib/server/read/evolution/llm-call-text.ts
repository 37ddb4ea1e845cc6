import "server-only";
import type { ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import { notFound } from "@/lib/domain/errors";
import { findScopedRun } from "../scoped-run";

export interface LlmCallText {
  id: string;
  purpose: string;
  prompt: string;
  rawReply: string | null;
  error: string | null;
}

/** One reflection call's prompt and reply: the long texts the reflection chain loads only when opened. */
export async function getLlmCallText(scope: ReadScope, runId: string, callId: bigint): Promise<LlmCallText> {
  const run = await findScopedRun(scope, runId);
  const call = await getPrisma().llmCall.findFirst({
    where: { id: callId, event: { runId: run.id, step: { lte: run.maxStep } } },
    select: { id: true, purpose: true, prompt: true, rawReply: true, error: true },
  });
  if (!call) throw notFound("LLM call");
  return { ...call, id: call.id.toString() };
}
