/**
 * A run's session on a Tinker-compatible service, under TinkerPolicy: the session and its heartbeat,
 * the LoRA training model and its seq ids, futures submitted once per logical operation (so a retried
 * call polls what the server already accepted), and the sampling sessions on the current and base weights.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { BackendError, classifyBackendError } from "@/lib/server/runner/retry";
import type { z } from "zod";
import type { ChatTokenizer } from "./chat-tokenizer";
import { PRESENTED_SDK_VERSION } from "./client-auth";
import {
  createModelResultSchema,
  createSamplingSessionReplySchema,
  createSessionReplySchema,
  pathResultSchema,
} from "./protocol";
import type { RetrieveOptions } from "./future-poll";
import type { TinkerClient } from "./tinker-client";
import type { Completion, SampleRequest, TrainRequest } from "@/lib/espl/ports";

const HEARTBEAT_MS = 10_000;

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

export interface Sampler {
  id: string;
  version: number;
  seq: number;
}

export class TinkerSession {
  /** Warning and info messages the service sent with the session, for the run's log and the check. */
  readonly notices: string[] = [];
  /** True once the server says it simulates (our sim-tinker server does); real trainers never do. */
  simulated = false;
  readonly baseModel: string;
  protected readonly client: TinkerClient;
  protected readonly tokenizer: ChatTokenizer;
  protected readonly options: TinkerPolicyOptions;
  protected session: Promise<string> | null = null;
  protected lastHeartbeat = 0;
  protected model: Promise<string> | null = null;
  protected modelSeq = 0;
  protected samplingSessionSeq = 0;
  protected samplerCount = 0;
  /** Bumped by every weight change; a sampler serves one version. */
  protected version = 0;
  protected sampler: Promise<Sampler> | null = null;
  protected samplerVersion = -1;
  protected baseSampler: Promise<Sampler> | null = null;
  /** Logical operation → submitted request id, so a retried operation polls instead of resubmitting. */
  protected readonly submitted = new Map<string, string>();
  protected readonly trainSeqs = new WeakMap<
    TrainRequest,
    { fb: number[]; optim: number; fbMetrics: (Record<string, number> | null)[] }
  >();
  protected readonly sampleSeqs = new WeakMap<
    SampleRequest[],
    { sampler: string; seqs: number[]; results: (Completion[] | undefined)[] }
  >();
  /** Seq ids already given to a save or load, so a retried call reuses its own (no gap, no repeat). */
  protected readonly saveSeqs = new Map<string, number>();
  protected pendingSamplerSave: { version: number; name: string; seq: number } | null = null;
  protected readonly promptCache = new Map<string, number[]>();
  /**
   * Idempotency keys name this instance: a run resumed by another worker reuses seq ids and checkpoint
   * names, and must not be handed the results of its predecessor's requests.
   */
  protected readonly instanceId = randomUUID();

  constructor(options: TinkerPolicyOptions) {
    this.options = options;
    this.client = options.client;
    this.tokenizer = options.tokenizer;
    this.baseModel = options.baseModel;
  }

  // ───────────────────────── sessions and futures ─────────────────────────

  protected ensureSession(signal?: AbortSignal): Promise<string> {
    this.session ??= (async () => {
      const server = await this.client.connect(signal);
      this.simulated = server.capabilities?.simulated === true;
      const reply = await this.client.call(
        "POST",
        "/create_session",
        {
          tags: ["espl-studio"],
          user_metadata: { run_id: this.options.runId },
          sdk_version: PRESENTED_SDK_VERSION,
          type: "create_session",
        },
        createSessionReplySchema,
        { signal },
      );
      this.readSessionMessages(reply);
      this.lastHeartbeat = Date.now();
      return reply.session_id;
    })();
    this.session.catch(() => (this.session = null));
    return this.session;
  }

  /** The service's word on the session (deprecations, quota): an error ends it, the rest is shown. */
  protected readSessionMessages(reply: z.infer<typeof createSessionReplySchema>): void {
    if (reply.error_message)
      throw new BackendError(`${this.client.backend} refused the session: ${reply.error_message}`, {
        backend: this.client.backend,
      });
    for (const message of [reply.warning_message, reply.info_message])
      if (message && !this.notices.includes(message)) {
        this.notices.push(message);
        console.warn(`${this.client.backend}: ${message}`);
      }
  }

  /** The SDK heartbeats every 10 s; here the heartbeat rides on the calls a run makes anyway. */
  protected async heartbeat(signal?: AbortSignal): Promise<void> {
    if (Date.now() - this.lastHeartbeat < HEARTBEAT_MS) return;
    const sessionId = await this.ensureSession(signal);
    this.lastHeartbeat = Date.now();
    await this.client
      .send("POST", "/session_heartbeat", { session_id: sessionId, type: "session_heartbeat" }, { signal })
      .catch(() => {
        // A missed heartbeat is not fatal; the next call tries again.
        this.lastHeartbeat = 0;
      });
  }

  /** Submits once per logical key, then polls; a transient failure keeps the id for the retry. */
  protected async future<S extends z.ZodType>(
    key: string,
    submit: () => Promise<{ request_id: string }>,
    schema: S,
    signal?: AbortSignal,
    proto?: RetrieveOptions["proto"],
  ): Promise<z.infer<S>> {
    try {
      let requestId = this.submitted.get(key);
      if (requestId === undefined) {
        requestId = (await submit()).request_id;
        this.submitted.set(key, requestId);
      }
      const result = await this.client.retrieve(requestId, schema, {
        signal,
        proto,
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

  protected submitFor(path: string, body: Record<string, unknown>, key: string, signal?: AbortSignal) {
    return () => this.client.submit(path, body, { signal, idempotencyKey: `${this.instanceId}:${key}` });
  }

  protected ensureModel(signal?: AbortSignal): Promise<string> {
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
            type: "create_model",
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

  protected nextSeq(): number {
    this.modelSeq += 1;
    return this.modelSeq;
  }

  /**
   * `save_weights` / `save_weights_for_sampler` under a name. A resend whose first reply was lost gets
   * 409 from SkyRL (it has no idempotency keys): the name is taken by our own save, so it is done, at
   * the path Tinker's naming gives it (tinker://MODEL/KIND/NAME, as SkyRL and the hosted service use).
   */
  protected async saveWeights(
    kind: "weights" | "sampler_weights",
    modelId: string,
    name: string,
    seq: number,
    signal?: AbortSignal,
  ): Promise<{ path: string }> {
    const path = kind === "weights" ? "/save_weights" : "/save_weights_for_sampler";
    const key = `${kind}:${seq}:${name}`;
    try {
      return await this.future(
        key,
        this.submitFor(
          path,
          // `overwrite: false` as the SDK's save_state sends it: a taken name is refused, never replaced.
          kind === "weights"
            ? { model_id: modelId, path: name, seq_id: seq, overwrite: false, type: path.slice(1) }
            : { model_id: modelId, path: name, seq_id: seq, type: path.slice(1) },
          key,
          signal,
        ),
        pathResultSchema,
        signal,
      );
    } catch (error) {
      if (error instanceof BackendError && error.status === 409 && error.message.includes(name))
        return { path: `tinker://${modelId}/${kind}/${name}` };
      throw error;
    }
  }

  // ───────────────────────── samplers ─────────────────────────

  protected ensureCurrentSampler(signal?: AbortSignal): Promise<Sampler> {
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
      const saved = await this.saveWeights("sampler_weights", modelId, name, seq, signal);
      return this.openSampler({ model_path: saved.path }, version, signal);
    })();
    this.sampler.catch(() => {
      this.sampler = null;
      this.samplerVersion = -1;
    });
    return this.sampler;
  }

  protected ensureBaseSampler(model: string, signal?: AbortSignal): Promise<Sampler> {
    this.baseSampler ??= this.openSampler({ base_model: model }, -1, signal);
    this.baseSampler.catch(() => (this.baseSampler = null));
    return this.baseSampler;
  }

  protected async openSampler(
    source: { model_path: string } | { base_model: string },
    version: number,
    signal?: AbortSignal,
  ): Promise<Sampler> {
    const sessionId = await this.ensureSession(signal);
    const reply = await this.client.call(
      "POST",
      "/create_sampling_session",
      {
        session_id: sessionId,
        sampling_session_seq_id: this.samplingSessionSeq++,
        ...source,
        type: "create_sampling_session",
      },
      createSamplingSessionReplySchema,
      { signal },
    );
    return { id: reply.sampling_session_id, version, seq: 0 };
  }
}
