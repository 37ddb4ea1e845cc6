/**
 * Every reflection call's usage, whatever backend serves it: the runner wraps the driver's ChatFn so each
 * call comes back with its model, tokens (as the backend reported them), latency measured here, retries
 * and, where the backend has prices ($ per 1M tokens in / out), its cost. The engine stores it with the
 * call (llm_calls) and the step writer sums the calls (lib/server/steps/reflection-usage.ts).
 */
import "server-only";
import { ChatCallError, type ChatFn, type ChatReply, type ChatUsage } from "@/lib/espl/llm/chat";
import { priceTokens, type Prices } from "@/lib/domain/runs/usage/usage-summary";
import type { Completion } from "@/lib/espl/ports";

export interface MeterOptions {
  /** The model the backend was asked for, when its reply does not name one. */
  model: string | null;
  prices: Prices | null;
  now?: () => number;
}

export function emptyChatUsage(): ChatUsage {
  return {
    model: null,
    promptTokens: null,
    completionTokens: null,
    latencyMs: null,
    retries: null,
    costUsd: null,
  };
}

/** The usage with the call's latency, the fallback model and a cost from the prices filled in. */
export function completeUsage(usage: ChatUsage | null, latencyMs: number, options: MeterOptions): ChatUsage {
  const base = usage ?? emptyChatUsage();
  const { promptTokens, completionTokens } = base;
  const cost =
    base.costUsd ??
    (promptTokens === null || completionTokens === null
      ? null
      : priceTokens(promptTokens, completionTokens, options.prices));
  return {
    ...base,
    model: base.model ?? options.model,
    latencyMs: Math.max(0, Math.round(latencyMs)),
    costUsd: cost,
  };
}

export function meterChat(chat: ChatFn, options: MeterOptions): ChatFn {
  const now = options.now ?? (() => performance.now());
  return async (request): Promise<ChatReply> => {
    const started = now();
    try {
      const reply = await chat(request);
      const text = typeof reply === "string" ? reply : reply.text;
      const usage = typeof reply === "string" ? null : reply.usage;
      return { text, usage: completeUsage(usage, now() - started, options) };
    } catch (error) {
      const cause = error instanceof ChatCallError ? error.cause : error;
      const usage = error instanceof ChatCallError ? error.usage : null;
      throw new ChatCallError(cause, completeUsage(usage, now() - started, options));
    }
  };
}

/** One policy sampling batch as stored (sampling_calls); null: not recorded. */
export interface SamplingCallRow {
  model: string | null;
  requests: number;
  samples: number;
  promptTokens: number | null;
  completionTokens: number | null;
  latencyMs: number;
  retries: number;
  costUsd: number | null;
}

export interface SampledBatchInput {
  requests: readonly unknown[];
  completions: readonly (readonly Completion[])[];
  latencyMs: number;
  retries: number;
}

const countOf = (count: number | undefined, ids: number[] | undefined) => count ?? ids?.length ?? null;

/**
 * A batch's tokens as servers bill them: each request's prompt once (its samples share it through `n`),
 * every completion. Unknown when any completion came back without a count.
 */
export function describeBatch(batch: SampledBatchInput, options: MeterOptions): SamplingCallRow {
  let prompt: number | null = 0;
  let completion: number | null = 0;
  for (const group of batch.completions) {
    let groupPrompt = 0;
    for (const c of group) {
      const p = countOf(c.promptTokenCount, c.promptTokens);
      const t = countOf(c.completionTokenCount, c.tokens);
      if (p === null) prompt = null;
      else groupPrompt = Math.max(groupPrompt, p);
      completion = t === null || completion === null ? null : completion + t;
    }
    if (prompt !== null) prompt += groupPrompt;
  }
  return {
    model: options.model,
    requests: batch.requests.length,
    samples: batch.completions.reduce((n, g) => n + g.length, 0),
    promptTokens: prompt,
    completionTokens: completion,
    latencyMs: Math.max(0, Math.round(batch.latencyMs)),
    retries: batch.retries,
    costUsd: priceTokens(prompt, completion, options.prices),
  };
}

/** The sampling batches since the last step commit; the runner stores them with that step. */
export class SamplingLog {
  private calls: SamplingCallRow[] = [];
  constructor(private readonly options: MeterOptions) {}

  record = (batch: SampledBatchInput): void => {
    this.calls.push(describeBatch(batch, this.options));
  };

  take(): SamplingCallRow[] {
    const taken = this.calls;
    this.calls = [];
    return taken;
  }
}
