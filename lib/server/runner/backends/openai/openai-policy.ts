/**
 * The policy LLM on an OpenAI-compatible endpoint: sampling only. One request per (program, problem) with
 * `n` samples; servers that ignore `n` (llama.cpp, Ollama) are asked again until n samples are in. Token
 * ids and logprobs are read where the server returns them. There is no trainer behind such an endpoint,
 * so `train` refuses (the launch form and action never offer `rl`/`evolution_rl` on one), and a
 * checkpoint is just the model's name: its weights never change.
 */
import "server-only";
import { setMaxListeners } from "node:events";
import type OpenAI from "openai";
import type {
  CheckpointRef,
  Completion,
  PolicyBackend,
  SampleRequest,
  SamplingParams,
  TrainResult,
} from "@/lib/espl/ports";
import { BackendError } from "@/lib/server/runner/retry";
import type { BackendConnection } from "../driver";
import {
  callEndpoint,
  createModelResolver,
  openEndpoint,
  parseReply,
  type OpenAIEndpoint,
} from "./openai-client";
import { chatCompletionSchema, completionSchema } from "./wire-schemas";

const BACKEND = "policy backend";
/** OpenAI's own cap on `n`; larger requests are split. */
const MAX_N_PER_REQUEST = 128;

interface Choice {
  text: string;
  tokens?: number[];
  logprobs?: number[];
  promptTokens?: number[];
}

interface Batch {
  choices: Choice[];
  promptTokenCount: number | null;
  completionTokenCount: number | null;
}

function onlyNumbers(values: readonly (number | null)[] | null | undefined): number[] | undefined {
  if (!values || values.some((v) => v === null)) return undefined;
  return values as number[];
}

/** Splits the reply's completion tokens over choices that carry no per-choice count. */
export function toCompletions(batch: Batch): Completion[] {
  const known = batch.choices.reduce((sum, c) => sum + (c.tokens?.length ?? c.logprobs?.length ?? 0), 0);
  const unknown = batch.choices.filter((c) => (c.tokens ?? c.logprobs) === undefined).length;
  const rest = Math.max(0, (batch.completionTokenCount ?? 0) - known);
  let remainder = unknown > 0 ? rest % unknown : 0;
  return batch.choices.map((choice) => {
    const own = choice.tokens?.length ?? choice.logprobs?.length;
    let completionTokenCount = own;
    if (own === undefined && batch.completionTokenCount !== null) {
      completionTokenCount = Math.floor(rest / unknown) + (remainder > 0 ? 1 : 0);
      remainder = Math.max(0, remainder - 1);
    }
    return {
      text: choice.text,
      ...(choice.tokens ? { tokens: choice.tokens } : {}),
      ...(choice.logprobs ? { logprobs: choice.logprobs } : {}),
      ...(choice.promptTokens ? { promptTokens: choice.promptTokens } : {}),
      ...(batch.promptTokenCount !== null ? { promptTokenCount: batch.promptTokenCount } : {}),
      ...(completionTokenCount !== undefined ? { completionTokenCount } : {}),
    };
  });
}

export class OpenAIPolicy implements PolicyBackend {
  readonly simulated = false;
  private readonly endpoint: OpenAIEndpoint;
  private readonly model: (signal?: AbortSignal) => Promise<string>;

  constructor(connection: BackendConnection) {
    this.endpoint = openEndpoint(connection);
    this.model = createModelResolver(this.endpoint, "policy", BACKEND);
  }

  async sample(
    requests: SampleRequest[],
    params: SamplingParams,
    signal?: AbortSignal,
  ): Promise<Completion[][]> {
    // Every request in flight listens on the run's signal; a step sends many at once by design.
    if (signal) setMaxListeners(Math.max(64, requests.length * 2 + 16), signal);
    const model = await this.model(signal);
    return Promise.all(requests.map((request) => this.sampleOne(model, request, params, signal)));
  }

  async train(): Promise<TrainResult> {
    throw new BackendError(
      "policy backend: an OpenAI-compatible endpoint samples only and cannot train; use evolution mode, or a trainer backend for rl/evolution_rl",
      { backend: BACKEND },
    );
  }

  async saveCheckpoint(name: string): Promise<CheckpointRef> {
    return { backendRef: `openai:${await this.model()}#${name}` };
  }

  async loadCheckpoint(): Promise<void> {
    // Frozen weights: nothing to restore.
  }

  private async sampleOne(
    model: string,
    request: SampleRequest,
    params: SamplingParams,
    signal?: AbortSignal,
  ): Promise<Completion[]> {
    const out: Completion[] = [];
    // A server may return fewer choices than asked (it ignores n): ask again for the rest, but never loop forever.
    for (let tries = 0; out.length < request.n && tries < request.n; tries++) {
      const n = Math.min(MAX_N_PER_REQUEST, request.n - out.length);
      const batch = await this.requestBatch(model, request.prompt, n, params, signal);
      out.push(...toCompletions(batch).slice(0, n));
    }
    if (out.length < request.n)
      throw new BackendError(`policy backend: asked for ${request.n} samples, got ${out.length}`, {
        backend: BACKEND,
        code: "bad_reply",
      });
    return out;
  }

  private requestBatch(
    model: string,
    prompt: string,
    n: number,
    params: SamplingParams,
    signal?: AbortSignal,
  ): Promise<Batch> {
    const { options, client } = this.endpoint;
    const common = {
      model,
      n,
      temperature: params.temperature,
      top_p: params.topP,
      max_tokens: params.maxTokens,
      ...(options.stop.length > 0 ? { stop: options.stop } : {}),
      ...(options.returnTokenIds ? { return_token_ids: true } : {}),
    };
    return callEndpoint(
      this.endpoint,
      BACKEND,
      async () => {
        if (options.policyApi === "completions") {
          const body = { ...common, prompt, ...(options.requestLogprobs ? { logprobs: 1 } : {}) };
          const raw: unknown = await client.completions.create(
            body as OpenAI.CompletionCreateParamsNonStreaming,
            { signal },
          );
          const reply = parseReply(completionSchema, raw, BACKEND, "completion");
          return {
            choices: [...reply.choices]
              .sort((a, b) => (a.index ?? 0) - (b.index ?? 0))
              .map((c) => ({
                text: c.text,
                tokens: c.token_ids ?? undefined,
                logprobs: onlyNumbers(c.logprobs?.token_logprobs),
                promptTokens: c.prompt_token_ids ?? undefined,
              })),
            promptTokenCount: reply.usage?.prompt_tokens ?? null,
            completionTokenCount: reply.usage?.completion_tokens ?? null,
          };
        }
        const body = {
          ...common,
          messages: [{ role: "user" as const, content: prompt }],
          ...(options.requestLogprobs ? { logprobs: true } : {}),
        };
        const raw: unknown = await client.chat.completions.create(
          body as OpenAI.ChatCompletionCreateParamsNonStreaming,
          { signal },
        );
        const reply = parseReply(chatCompletionSchema, raw, BACKEND, "chat completion");
        return {
          choices: [...reply.choices]
            .sort((a, b) => (a.index ?? 0) - (b.index ?? 0))
            .map((c) => ({
              text: c.message.content ?? "",
              tokens: c.token_ids ?? undefined,
              logprobs: c.logprobs?.content?.map((t) => t.logprob),
              promptTokens: reply.prompt_token_ids ?? undefined,
            })),
          promptTokenCount: reply.usage?.prompt_tokens ?? null,
          completionTokenCount: reply.usage?.completion_tokens ?? null,
        };
      },
      signal,
    );
  }
}
