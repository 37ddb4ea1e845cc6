/** Sampling requests and replies between the engine's shapes and Tinker's. */
import "server-only";
import type { z } from "zod";
import type { Completion, SamplingParams } from "@/lib/espl/ports";
import { BackendError } from "@/lib/server/runner/retry";
import type { ChatTokenizer } from "./chat-tokenizer";
import type { sampleResultSchema, SamplingParamsBody } from "./protocol";

/** Stops on the chat template's end-of-turn tokens: the reply is parsed from token ids here. */
export function samplingBody(tokenizer: ChatTokenizer, params: SamplingParams): SamplingParamsBody {
  return {
    max_tokens: params.maxTokens,
    temperature: params.temperature,
    top_p: params.topP,
    // The SDK's default (no top-k cut), sent as it sends it.
    top_k: -1,
    stop: tokenizer.stopTokenIds,
  };
}

/** A sample result as completions; a reply with the wrong count or without logprobs cannot be trained on. */
export function toCompletions(
  tokenizer: ChatTokenizer,
  promptTokens: number[],
  result: z.infer<typeof sampleResultSchema>,
  n: number,
): Completion[] {
  if (result.sequences.length !== n)
    throw new BackendError(
      `policy backend returned ${result.sequences.length} samples where ${n} were asked`,
      {
        backend: "policy backend",
      },
    );
  return result.sequences.map((sequence) => {
    if (!sequence.logprobs)
      throw new BackendError("policy backend returned a sample without logprobs", {
        backend: "policy backend",
      });
    return {
      text: tokenizer.parseReply(sequence.tokens),
      promptTokens: promptTokens.slice(),
      tokens: sequence.tokens,
      logprobs: sequence.logprobs,
      promptTokenCount: promptTokens.length,
      completionTokenCount: sequence.tokens.length,
    };
  });
}
