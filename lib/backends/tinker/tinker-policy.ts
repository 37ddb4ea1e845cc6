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
import { randomUUID } from "node:crypto";
import { buildTrainingDatum } from "@/lib/espl/datums";
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
import { BackendError, classifyBackendError } from "@/lib/runner/retry";
import { z } from "zod";
import type { ChatTokenizer } from "./chat-tokenizer";
import {
  capabilitiesReplySchema,
  createModelResultSchema,
  createSamplingSessionReplySchema,
  createSessionReplySchema,
  type Datum,
  ESPL_ADAM,
  forwardBackwardResultSchema,
  loadWeightsResultSchema,
  optimStepResultSchema,
  pathResultSchema,
  sampleResultSchema,
  type SamplingParamsBody,
  tensor,
  toModelInput,
} from "./protocol";
import type { TinkerClient } from "./tinker-client";

export const TINKER_STATE_FORMAT = "tinker-compatible/1";
/** The SDK splits forward_backward at this many datums. */
const MAX_DATUMS_PER_CALL = 1024;
const HEARTBEAT_MS = 10_000;
const POLL_CONCURRENCY = 32;

const checkpointStateSchema = z.object({
  format: z.literal(TINKER_STATE_FORMAT),
  baseModel: z.string(),
  statePath: z.string().min(1),
});

export interface TinkerPolicyOptions {
  client: TinkerClient;
  tokenizer: ChatTokenizer;
  baseModel: string;
  loraRank: number;
  trainUnembed?: boolean;
  /** LoRA initialisation seed: the run's seed. */
  seed: number;
  runId: string;
}

interface Sampler {
  id: string;
  version: number;
  seq: number;
}

/** Runs `fn` over items with at most `limit` in flight, results in order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>) {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return results;
}

function sumMetrics(into: Record<string, number>, from: Record<string, number> | null | undefined) {
  for (const [key, value] of Object.entries(from ?? {})) into[key] = (into[key] ?? 0) + value;
}

function lossFnConfig(lossFn: TrainRequest["lossFn"]): Record<string, number> | null {
  // E-SPL's CISPO clips the ratio to [0, 4]; PPO and importance sampling use the service's defaults.
  return lossFn === "cispo" ? { clip_low_threshold: 0, clip_high_threshold: 4 } : null;
}

export class TinkerPolicy implements PolicyBackend {
  /** True once the server says it simulates (our sim-tinker server does); real trainers never do. */
  simulated = false;
  readonly baseModel: string;
  private readonly client: TinkerClient;
  private readonly tokenizer: ChatTokenizer;
  private readonly options: TinkerPolicyOptions;
  private session: Promise<string> | null = null;
  private lastHeartbeat = 0;
  private model: Promise<string> | null = null;
  private modelSeq = 0;
  private samplingSessionSeq = 0;
  private samplerCount = 0;
  /** Bumped by every weight change; a sampler serves one version. */
  private version = 0;
  private sampler: Promise<Sampler> | null = null;
  private samplerVersion = -1;
  private baseSampler: Promise<Sampler> | null = null;
  /** Logical operation → submitted request id, so a retried operation polls instead of resubmitting. */
  private readonly submitted = new Map<string, string>();
  private readonly trainSeqs = new WeakMap<
    TrainRequest,
    { fb: number[]; optim: number; fbMetrics: (Record<string, number> | null)[] }
  >();
  private readonly sampleSeqs = new WeakMap<
    SampleRequest[],
    { sampler: string; seqs: number[]; results: (Completion[] | undefined)[] }
  >();
  /** Seq ids already given to a save or load, so a retried call reuses its own (no gap, no repeat). */
  private readonly saveSeqs = new Map<string, number>();
  private pendingSamplerSave: { version: number; name: string; seq: number } | null = null;
  private readonly promptCache = new Map<string, number[]>();
  /**
   * Idempotency keys name this instance: a run resumed by another worker reuses seq ids and checkpoint
   * names, and must not be handed the results of its predecessor's requests.
   */
  private readonly instanceId = randomUUID();

  constructor(options: TinkerPolicyOptions) {
    this.options = options;
    this.client = options.client;
    this.tokenizer = options.tokenizer;
    this.baseModel = options.baseModel;
  }

  // ───────────────────────── sessions and futures ─────────────────────────

  private ensureSession(signal?: AbortSignal): Promise<string> {
    this.session ??= this.client
      .call(
        "POST",
        "/create_session",
        {
          tags: ["espl-studio"],
          user_metadata: { run_id: this.options.runId },
          sdk_version: "espl-studio-tinker/1",
        },
        createSessionReplySchema,
        { signal },
      )
      .then(async (reply) => {
        this.lastHeartbeat = Date.now();
        await this.readServerKind(signal);
        return reply.session_id;
      });
    this.session.catch(() => (this.session = null));
    return this.session;
  }

  private async readServerKind(signal?: AbortSignal): Promise<void> {
    try {
      const caps = await this.client.call(
        "GET",
        "/get_server_capabilities",
        undefined,
        capabilitiesReplySchema,
        {
          signal,
        },
      );
      this.simulated = caps.simulated === true;
    } catch {
      // Only a label: a server without the endpoint is taken to be real.
    }
  }

  /** The SDK heartbeats every 10 s; here the heartbeat rides on the calls a run makes anyway. */
  private async heartbeat(signal?: AbortSignal): Promise<void> {
    if (Date.now() - this.lastHeartbeat < HEARTBEAT_MS) return;
    const sessionId = await this.ensureSession(signal);
    this.lastHeartbeat = Date.now();
    await this.client.send("POST", "/session_heartbeat", { session_id: sessionId }, { signal }).catch(() => {
      // A missed heartbeat is not fatal; the next call tries again.
      this.lastHeartbeat = 0;
    });
  }

  /** Submits once per logical key, then polls; a transient failure keeps the id for the retry. */
  private async future<S extends z.ZodType>(
    key: string,
    submit: () => Promise<{ request_id: string }>,
    schema: S,
    signal?: AbortSignal,
  ): Promise<z.infer<S>> {
    try {
      let requestId = this.submitted.get(key);
      if (requestId === undefined) {
        requestId = (await submit()).request_id;
        this.submitted.set(key, requestId);
      }
      const result = await this.client.retrieve(requestId, schema, {
        signal,
        resubmit: async () => {
          const id = (await submit()).request_id;
          this.submitted.set(key, id);
          return id;
        },
      });
      this.submitted.delete(key);
      return result;
    } catch (error) {
      if (classifyBackendError(error) === null) this.submitted.delete(key);
      throw error;
    }
  }

  private submitFor(path: string, body: Record<string, unknown>, key: string, signal?: AbortSignal) {
    return () => this.client.submit(path, body, { signal, idempotencyKey: `${this.instanceId}:${key}` });
  }

  private ensureModel(signal?: AbortSignal): Promise<string> {
    this.model ??= (async () => {
      const sessionId = await this.ensureSession(signal);
      const key = `create_model:${sessionId}`;
      const result = await this.future(
        key,
        this.submitFor(
          "/create_model",
          {
            session_id: sessionId,
            model_seq_id: 0,
            base_model: this.baseModel,
            lora_config: {
              rank: this.options.loraRank,
              seed: this.options.seed,
              train_mlp: true,
              train_attn: true,
              train_unembed: this.options.trainUnembed ?? true,
            },
          },
          key,
          signal,
        ),
        createModelResultSchema,
        signal,
      );
      return result.model_id;
    })();
    this.model.catch(() => (this.model = null));
    return this.model;
  }

  private nextSeq(): number {
    this.modelSeq += 1;
    return this.modelSeq;
  }

  // ───────────────────────── samplers ─────────────────────────

  private ensureCurrentSampler(signal?: AbortSignal): Promise<Sampler> {
    if (this.sampler && this.samplerVersion === this.version) return this.sampler;
    const version = this.version;
    this.samplerVersion = version;
    if (this.pendingSamplerSave?.version !== version)
      this.pendingSamplerSave = {
        version,
        name: `sampler-${String(++this.samplerCount).padStart(6, "0")}`,
        seq: this.nextSeq(),
      };
    const { name, seq } = this.pendingSamplerSave;
    this.sampler = (async () => {
      const modelId = await this.ensureModel(signal);
      const key = `sampler_weights:${name}`;
      const saved = await this.future(
        key,
        this.submitFor(
          "/save_weights_for_sampler",
          { model_id: modelId, path: name, seq_id: seq },
          key,
          signal,
        ),
        pathResultSchema,
        signal,
      );
      return this.openSampler({ model_path: saved.path }, version, signal);
    })();
    this.sampler.catch(() => {
      this.sampler = null;
      this.samplerVersion = -1;
    });
    return this.sampler;
  }

  private ensureBaseSampler(model: string, signal?: AbortSignal): Promise<Sampler> {
    this.baseSampler ??= this.openSampler({ base_model: model }, -1, signal);
    this.baseSampler.catch(() => (this.baseSampler = null));
    return this.baseSampler;
  }

  private async openSampler(
    source: { model_path: string } | { base_model: string },
    version: number,
    signal?: AbortSignal,
  ): Promise<Sampler> {
    const sessionId = await this.ensureSession(signal);
    const reply = await this.client.call(
      "POST",
      "/create_sampling_session",
      { session_id: sessionId, sampling_session_seq_id: this.samplingSessionSeq++, ...source },
      createSamplingSessionReplySchema,
      { signal },
    );
    return { id: reply.sampling_session_id, version, seq: 0 };
  }

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

  private samplingBody(params: SamplingParams): SamplingParamsBody {
    return {
      max_tokens: params.maxTokens,
      temperature: params.temperature,
      top_p: params.topP,
      stop: this.tokenizer.stopTokenIds,
    };
  }

  private toCompletions(
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
        text: this.tokenizer.parseReply(sequence.tokens),
        promptTokens: promptTokens.slice(),
        tokens: sequence.tokens,
        logprobs: sequence.logprobs,
        promptTokenCount: promptTokens.length,
        completionTokenCount: sequence.tokens.length,
      };
    });
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
        },
        key,
        signal,
      ),
      sampleResultSchema,
      signal,
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
    const body = this.samplingBody(params);
    const prompts = requests.map((r) => this.renderPrompt(r.prompt));
    const { seqs, results } = plan;
    // Submitted in request order (the server sees them in the engine's order), collected concurrently.
    for (const [i, request] of requests.entries()) {
      const key = `sample:${sampler.id}:${seqs[i]}`;
      if (request.n === 0 || results[i] || this.submitted.has(key)) continue;
      const id = (
        await this.submitFor(
          "/asample",
          {
            sampling_session_id: sampler.id,
            seq_id: seqs[i],
            prompt: toModelInput(prompts[i]!),
            num_samples: request.n,
            sampling_params: body,
            prompt_logprobs: false,
          },
          key,
          signal,
        )()
      ).request_id;
      this.submitted.set(key, id);
    }
    const out = await mapLimited(requests, POLL_CONCURRENCY, async (request, i) => {
      if (request.n === 0) return [];
      results[i] ??= this.toCompletions(
        prompts[i]!,
        await this.sampleOne(sampler, seqs[i]!, prompts[i]!, request.n, body, signal),
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
    const result = await this.sampleOne(sampler, ++sampler.seq, tokens, 1, this.samplingBody(params), signal);
    const [completion] = this.toCompletions(tokens, result, 1);
    return {
      text: completion!.text,
      promptTokens: tokens.length,
      completionTokens: completion!.tokens!.length,
    };
  }

  // ───────────────────────── training ─────────────────────────

  private toDatums(request: TrainRequest): Datum[] {
    return request.items.map((item, i) => {
      const { promptTokens, tokens, logprobs } = item.completion;
      if (!promptTokens || !tokens || !logprobs)
        throw new Error(`train item ${i} has no token ids or logprobs: it was not sampled by this backend`);
      const datum = buildTrainingDatum(promptTokens, tokens, logprobs, item.advantage);
      return {
        model_input: toModelInput(datum.inputTokens),
        loss_fn_inputs: {
          target_tokens: tensor(datum.targetTokens, "int64"),
          logprobs: tensor(datum.logprobs, "float32"),
          advantages: tensor(datum.advantages, "float32"),
        },
      };
    });
  }

  async train(request: TrainRequest, signal?: AbortSignal): Promise<TrainResult> {
    await this.heartbeat(signal);
    const datums = this.toDatums(request);
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
        const result = await this.future(fbKey(i), fbSubmit(i), forwardBackwardResultSchema, signal);
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
    const key = `save_weights:${seq}`;
    const saved = await this.future(
      key,
      this.submitFor("/save_weights", { model_id: modelId, path: name, seq_id: seq }, key),
      pathResultSchema,
    );
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
        { model_id: modelId, path: state.data.statePath, optimizer: true, seq_id: seq },
        key,
      ),
      loadWeightsResultSchema,
    );
    this.saveSeqs.delete(`load:${ref.backendRef}`);
    this.version += 1;
  }
}
