/**
 * The policy LLM and its trainer on a Tinker-compatible service (SPEC §10.2-§10.4, §11):
 *
 * - one session, one LoRA training model (created lazily, or loaded from saved state on resume);
 * - sampling from the current weights: after every update (or load) the weights are saved for the
 *   sampler and a sampling session is opened on them, the reference's `save_weights_for_sampler` per step;
 *   the base model has its own sampling session (evolution_sample_client = reference);
 * - prompts are rendered and tokenised here (chat-tokenizer.ts), datums built as in lib/espl/datums.ts,
 *   `forward_backward` and `optim_step` pipelined (submitted before either result is awaited);
 * - checkpoints are `save_weights` paths, restored with `load_weights` (optimizer state included).
 *
 * Retries: the runner retries a failed call of this port (429, 5xx, dropped connections). Work already
 * accepted by the server is not submitted twice: submitted request ids and the seq_ids given out are kept
 * per logical operation (keyed by the request object the retry passes again), so a retry resumes polling.
 */
import "server-only";
import { lossFnConfig, mapLimited, sumMetrics, toTinkerDatums } from "./tinker-datums";
import type { ChatMessage } from "@/lib/espl/llm/chat";
import type {
  CheckpointRef,
  Completion,
  PolicyBackend,
  SampleRequest,
  SamplingParams,
  TrainRequest,
  TrainResult,
} from "@/lib/espl/ports";
import { BackendError } from "@/lib/server/runner/retry";
import { z } from "zod";
import {
  type Datum,
  ESPL_ADAM,
  forwardBackwardResultSchema,
  loadWeightsResultSchema,
  optimStepResultSchema,
  sampleResultSchema,
  type SamplingParamsBody,
  toModelInput,
} from "./protocol";
import { samplingBody, toCompletions } from "./tinker-sampling";
import { type Sampler, TinkerSession } from "./tinker-session";

export const TINKER_STATE_FORMAT = "tinker-compatible/1";
/** The SDK splits forward_backward at this many datums. */
const MAX_DATUMS_PER_CALL = 1024;
/** Sample calls in flight at once (the SDK allows 2000; the HTTP agent keeps up to 128 connections). */
const SAMPLE_CONCURRENCY = 64;

const checkpointStateSchema = z.object({
  format: z.literal(TINKER_STATE_FORMAT),
  baseModel: z.string(),
  statePath: z.string().min(1),
});

export type { TinkerPolicyOptions } from "./tinker-session";

export class TinkerPolicy extends TinkerSession implements PolicyBackend {
  // ───────────────────────── sampling ─────────────────────────

  private renderPrompt(prompt: string): number[] {
    let tokens = this.promptCache.get(prompt);
    if (!tokens) {
      if (this.promptCache.size >= 4096) this.promptCache.clear();
      tokens = this.tokenizer.render([{ role: "user", content: prompt }]).tokens;
      this.promptCache.set(prompt, tokens);
    }
    return tokens;
  }

  /** Submits one asample future and collects it; `key` names the logical request for retries. */
  private async sampleOne(
    sampler: Sampler,
    seq: number,
    promptTokens: number[],
    n: number,
    params: SamplingParamsBody,
    signal?: AbortSignal,
  ) {
    const key = `sample:${sampler.id}:${seq}`;
    return this.future(
      key,
      this.submitFor(
        "/asample",
        {
          sampling_session_id: sampler.id,
          seq_id: seq,
          prompt: toModelInput(promptTokens),
          num_samples: n,
          sampling_params: params,
          prompt_logprobs: false,
          topk_prompt_logprobs: 0,
          type: "sample",
        },
        key,
        signal,
      ),
      sampleResultSchema,
      signal,
      "sample",
    );
  }

  async sample(
    requests: SampleRequest[],
    params: SamplingParams,
    signal?: AbortSignal,
  ): Promise<Completion[][]> {
    await this.heartbeat(signal);
    const sampler = await this.ensureCurrentSampler(signal);
    let plan = this.sampleSeqs.get(requests);
    if (!plan || plan.sampler !== sampler.id) {
      plan = { sampler: sampler.id, seqs: requests.map(() => ++sampler.seq), results: [] };
      this.sampleSeqs.set(requests, plan);
    }
    const samplingParams = samplingBody(this.tokenizer, params);
    const prompts = requests.map((r) => this.renderPrompt(r.prompt));
    const { seqs, results } = plan;
    // Each request is submitted and then polled at once, many at a time, as the SDK's concurrent sample
    // calls are; repeats of one prompt are submitted one after another: a server may draw a prompt's
    // samples from a stream per prompt (ours does), and the engine's order of identical prompts must then
    // be the order the server sees them in. Only the submission waits in that line, never a poll.
    const chains = new Map<string, Promise<unknown>>();
    const out = await mapLimited(requests, SAMPLE_CONCURRENCY, async (request, i) => {
      if (request.n === 0) return [];
      const key = `sample:${sampler.id}:${seqs[i]}`;
      if (!results[i] && !this.submitted.has(key)) {
        const submit = async () => {
          const body = {
            sampling_session_id: sampler.id,
            seq_id: seqs[i],
            prompt: toModelInput(prompts[i]!),
            num_samples: request.n,
            sampling_params: samplingParams,
            prompt_logprobs: false,
            topk_prompt_logprobs: 0,
            type: "sample",
          };
          this.submitted.set(key, (await this.submitFor("/asample", body, key, signal)()).request_id);
        };
        const mine = (chains.get(request.prompt) ?? Promise.resolve()).then(submit);
        chains.set(
          request.prompt,
          mine.catch(() => undefined),
        );
        await mine;
      }
      results[i] ??= toCompletions(
        this.tokenizer,
        prompts[i]!,
        await this.sampleOne(sampler, seqs[i]!, prompts[i]!, request.n, samplingParams, signal),
        request.n,
      );
      return results[i];
    });
    this.sampleSeqs.delete(requests);
    return out;
  }

  /** A chat reply from the base model or the current weights (the reflection LLM). */
  async chat(
    messages: readonly ChatMessage[],
    params: SamplingParams,
    options: { current: boolean; baseModel?: string },
    signal?: AbortSignal,
  ): Promise<{ text: string; promptTokens: number; completionTokens: number }> {
    await this.heartbeat(signal);
    const sampler = options.current
      ? await this.ensureCurrentSampler(signal)
      : await this.ensureBaseSampler(options.baseModel ?? this.baseModel, signal);
    const { tokens } = this.tokenizer.render(messages);
    const result = await this.sampleOne(
      sampler,
      ++sampler.seq,
      tokens,
      1,
      samplingBody(this.tokenizer, params),
      signal,
    );
    const [completion] = toCompletions(this.tokenizer, tokens, result, 1);
    return {
      text: completion!.text,
      promptTokens: tokens.length,
      completionTokens: completion!.tokens!.length,
    };
  }

  // ───────────────────────── training ─────────────────────────

  async train(request: TrainRequest, signal?: AbortSignal): Promise<TrainResult> {
    await this.heartbeat(signal);
    const datums = toTinkerDatums(request);
    const chunks: Datum[][] = [];
    for (let i = 0; i < datums.length; i += MAX_DATUMS_PER_CALL)
      chunks.push(datums.slice(i, i + MAX_DATUMS_PER_CALL));
    const modelId = await this.ensureModel(signal);
    let seqs = this.trainSeqs.get(request);
    if (!seqs) {
      seqs = { fb: chunks.map(() => this.nextSeq()), optim: this.nextSeq(), fbMetrics: [] };
      this.trainSeqs.set(request, seqs);
    }
    const plan = seqs;
    const fbKey = (i: number) => `forward_backward:${plan.fb[i]}`;
    const fbSubmit = (i: number) =>
      this.submitFor(
        "/forward_backward",
        {
          model_id: modelId,
          seq_id: plan.fb[i],
          forward_backward_input: {
            data: chunks[i],
            loss_fn: request.lossFn,
            loss_fn_config: lossFnConfig(request.lossFn),
          },
        },
        fbKey(i),
        signal,
      );
    const optimKey = `optim_step:${plan.optim}`;
    const optimSubmit = this.submitFor(
      "/optim_step",
      {
        model_id: modelId,
        seq_id: plan.optim,
        adam_params: { learning_rate: request.learningRate, ...ESPL_ADAM },
        type: "optim_step",
      },
      optimKey,
      signal,
    );
    // Pipelined as the reference does: every request is queued before any result is awaited.
    for (const [i] of chunks.entries())
      if (plan.fbMetrics[i] === undefined && !this.submitted.has(fbKey(i)))
        this.submitted.set(fbKey(i), (await fbSubmit(i)()).request_id);
    if (!this.submitted.has(optimKey)) this.submitted.set(optimKey, (await optimSubmit()).request_id);
    for (const [i] of chunks.entries())
      if (plan.fbMetrics[i] === undefined) {
        const result = await this.future(
          fbKey(i),
          fbSubmit(i),
          forwardBackwardResultSchema,
          signal,
          "forward_backward",
        );
        if (result.loss_fn_outputs.length !== chunks[i]!.length)
          throw new BackendError(
            `policy backend returned ${result.loss_fn_outputs.length} loss outputs for ${chunks[i]!.length} datums`,
            { backend: "policy backend" },
          );
        plan.fbMetrics[i] = result.metrics ?? null;
      }
    const metrics: Record<string, number> = {};
    for (const chunkMetrics of plan.fbMetrics) sumMetrics(metrics, chunkMetrics);
    const optim = await this.future(optimKey, optimSubmit, optimStepResultSchema, signal);
    Object.assign(metrics, optim.metrics ?? {});
    this.trainSeqs.delete(request);
    this.version += 1;
    metrics["train_tokens"] = datums.reduce((n, d) => n + d.model_input.chunks[0]!.tokens.length, 0);
    return { metrics };
  }

  // ───────────────────────── checkpoints ─────────────────────────

  async saveCheckpoint(name: string): Promise<CheckpointRef> {
    const modelId = await this.ensureModel();
    let seq = this.saveSeqs.get(`save:${name}`);
    if (seq === undefined) {
      seq = this.nextSeq();
      this.saveSeqs.set(`save:${name}`, seq);
    }
    const saved = await this.saveWeights("weights", modelId, name, seq);
    this.saveSeqs.delete(`save:${name}`);
    return {
      backendRef: saved.path,
      state: { format: TINKER_STATE_FORMAT, baseModel: this.baseModel, statePath: saved.path },
    };
  }

  async loadCheckpoint(ref: CheckpointRef): Promise<void> {
    const state = checkpointStateSchema.safeParse(ref.state);
    if (!state.success)
      throw new Error(`checkpoint ${ref.backendRef} was not saved by a Tinker-compatible backend`);
    if (state.data.baseModel !== this.baseModel)
      throw new Error(
        `checkpoint ${ref.backendRef} is of base model ${state.data.baseModel}, not ${this.baseModel}`,
      );
    const modelId = await this.ensureModel();
    let seq = this.saveSeqs.get(`load:${ref.backendRef}`);
    if (seq === undefined) {
      seq = this.nextSeq();
      this.saveSeqs.set(`load:${ref.backendRef}`, seq);
    }
    const key = `load_weights:${seq}`;
    await this.future(
      key,
      this.submitFor(
        "/load_weights",
        { model_id: modelId, path: state.data.statePath, optimizer: true, seq_id: seq, type: "load_weights" },
        key,
      ),
      loadWeightsResultSchema,
    );
    this.saveSeqs.delete(`load:${ref.backendRef}`);
    this.version += 1;
  }
}
