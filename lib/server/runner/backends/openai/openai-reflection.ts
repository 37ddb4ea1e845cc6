/**
 * The reflection LLM (mutation and crossover prompts) through chat completions, with the policy's sampling
 * settings as in the reference (SPEC §10.8). Transient failures (429 with Retry-After, 5xx, timeouts,
 * dropped connections) are retried with the runner's policy; what still fails, and any reply that is not
 * a well-formed chat completion, rejects, which the engine records as a failed call while the run goes on.
 */
import "server-only";
import type OpenAI from "openai";
import { ChatCallError, type ChatFn, type ChatUsage } from "@/lib/espl/llm/chat";
import { emptyChatUsage } from "../usage-meter";
import { classifyBackendError, withRetry, type RetryOptions } from "@/lib/server/runner/retry";
import type { BackendConnection, RunDriverContext } from "../driver";
import { callEndpoint, createModelResolver, openEndpoint, parseReply } from "./openai-client";
import { malformedReply } from "./openai-errors";
import { chatCompletionSchema } from "./wire-schemas";

const BACKEND = "reflection backend";

export function createOpenAIReflection(
  connection: BackendConnection,
  run: Pick<RunDriverContext, "config">,
  retry: Partial<RetryOptions> = {},
): ChatFn {
  const endpoint = openEndpoint(connection);
  const model = createModelResolver(endpoint, "reflection", BACKEND);
  const { config } = run;
  return async (request) => {
    let retries = 0;
    let requested: string | null = null;
    try {
      return await withRetry(
        async () => {
          requested = await model();
          const body = {
            model: requested,
            messages: request.messages,
            temperature: config.sampling_temperature,
            top_p: config.top_p,
            max_tokens: config.max_tokens,
            ...(endpoint.options.sendReflectionContext
              ? { espl_context: { purpose: request.purpose, context: request.context ?? null } }
              : {}),
          };
          const raw: unknown = await callEndpoint(endpoint, BACKEND, () =>
            endpoint.client.chat.completions.create(body as OpenAI.ChatCompletionCreateParamsNonStreaming),
          );
          const reply = parseReply(chatCompletionSchema, raw, BACKEND, "chat completion");
          const content = reply.choices[0]!.message.content;
          if (content === null || content === undefined)
            throw malformedReply(BACKEND, "chat completion", "the first choice has no content");
          const usage: ChatUsage = {
            model: requested,
            promptTokens: reply.usage?.prompt_tokens ?? null,
            completionTokens: reply.usage?.completion_tokens ?? null,
            latencyMs: null,
            retries,
            costUsd: null,
          };
          return { text: content, usage };
        },
        {
          classify: classifyBackendError,
          ...retry,
          onRetry: (reason, attempt, delayMs) => {
            retries = attempt - 1;
            return retry.onRetry?.(reason, attempt, delayMs);
          },
        },
      );
    } catch (error) {
      // The call failed for good; what it cost in attempts is still recorded with it.
      throw new ChatCallError(error, { ...emptyChatUsage(), model: requested, retries });
    }
  };
}
