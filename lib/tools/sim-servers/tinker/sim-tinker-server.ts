/**
 * A Tinker-compatible server over the offline simulator: real HTTP, Tinker's JSON shapes and futures
 * (`retrieve_future` long-polls and answers `try_again` while a future is pending), per-model seq ids,
 * idempotent resubmission (X-Idempotency-Key), and fault injection (faults.ts). See sim-trainer.ts for
 * how token ids become simulator calls. Start it with `npm run serve:sim-tinker` or createSimTinkerServer.
 *
 * `mode` picks which real server it stands in for: "legacy" (the JSON dialect of SDKs ≤ 0.20), "hosted"
 * (SDK 0.25's service: client config, JWT, metadata-only replies, session messages, 402, batched polls;
 * see hosted-auth.ts) or "skyrl" (SkyRL's Tinker API: 408 long polls, 400 `{detail}`, 409 on a reused
 * checkpoint name, no idempotency keys). sim-futures.ts answers polls per mode. forward_backward bodies may be JSON, protobuf or zstd
 * protobuf (sim-http.ts); sample and forward_backward results are protobuf when the poll asks for it.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { loadChatTokenizer } from "@/lib/server/runner/backends/tinker/chat-tokenizer";
import type { CheckpointRef, TrainItem, TrainRequest } from "@/lib/espl/ports";
import { SimPolicy } from "@/lib/espl/simulator";
import { FaultInjector } from "./faults";
import { HostedAuth } from "./hosted-auth";
import { RequestError, SimFutures } from "./sim-futures";
import type { SimTinkerServer, SimTinkerServerOptions } from "./sim-server-types";
import { METRIC_KEY, PROTOBUF } from "@/lib/server/runner/backends/tinker/proto-wire";
import { delay, listen, parse, protobufResult, readBody, Reply, type WireStats } from "./sim-http";
import * as schemas from "./request-schemas";
import { policyFromRef, ProblemIndex, SimTrainer, TokenCodec } from "./sim-trainer";

export type { SimTinkerServer, SimTinkerServerOptions } from "./sim-server-types";

interface Model {
  id: string;
  baseModel: string;
  seed: number;
  policy: SimPolicy;
  pending: { items: TrainItem[]; lossFn: TrainRequest["lossFn"] }[];
}

export async function createSimTinkerServer(options: SimTinkerServerOptions): Promise<SimTinkerServer> {
  const codec = new TokenCodec(loadChatTokenizer(options.tokenizerDir));
  const trainer = new SimTrainer({
    codec,
    problems: new ProblemIndex(options.problems),
    seed: options.seed ?? 0,
  });
  const faults = new FaultInjector(options.faults);
  const longPollMs = options.longPollMs ?? 5000;
  const sessions = new Set<string>();
  const models = new Map<string, Model>();
  const samplers = new Map<string, SimPolicy>();
  const weights = new Map<string, CheckpointRef>();
  const mode = options.mode ?? "legacy";
  const futures = new SimFutures(mode, longPollMs, () => faults.current.pendingMs);
  const hosted = mode === "hosted" ? new HostedAuth(options.hosted ?? {}, options.apiKey ?? null) : null;
  const dropOnce = new Set<string>();
  const wire: WireStats = { protobufBodies: 0, zstdBodies: 0, protobufResults: 0 };
  const savedNames = new Set<string>();
  const idempotent = new Map<string, Promise<unknown>>();
  const requests = new Map<string, number>();
  const samplerSources: string[] = [];

  const submit = (work: () => Promise<unknown>) => futures.submit(work);

  function findModel(id: string): Model {
    const model = models.get(id);
    if (!model) throw new RequestError(404, `unknown model_id ${id}`);
    return model;
  }

  const routes: Record<string, (body: unknown) => Promise<unknown>> = {
    "GET /api/v1/healthz": async () => ({ status: "ok" }),
    "GET /api/v1/get_server_capabilities": async () => ({
      supported_models: options.models.map((model_name) => ({ model_name })),
      simulated: true,
      ...(mode === "hosted" ? { supports_retrieve_futures: true } : {}),
    }),
    ...(hosted
      ? {
          "POST /api/v1/client/config": async (body: unknown) => hosted.config(body),
          "POST /api/v1/auth/token": async () => hosted.token(),
          "POST /api/v1/retrieve_futures": async (body: unknown) =>
            futures.retrieveMany(parse(schemas.retrieveManySchema, body).requests),
        }
      : {}),
    "POST /api/v1/create_session": async (body) => {
      parse(schemas.createSessionSchema, body);
      const id = `session-${randomUUID()}`;
      const messages = hosted?.settings.sessionMessages ?? {};
      if (!messages.error_message) sessions.add(id);
      return { session_id: id, type: "create_session", ...messages };
    },
    "POST /api/v1/session_heartbeat": async (body) => {
      const { session_id } = parse(schemas.heartbeatSchema, body);
      if (!sessions.has(session_id)) throw new RequestError(404, `unknown session ${session_id}`);
      return { type: "session_heartbeat" };
    },
    "POST /api/v1/create_model": async (body) => {
      const request = parse(schemas.createModelSchema, body);
      if (!sessions.has(request.session_id))
        throw new RequestError(404, `unknown session ${request.session_id}`);
      if (!options.models.includes(request.base_model))
        throw new RequestError(400, `base model ${request.base_model} is not served here`);
      const id = `model-${randomUUID()}`;
      const seed = request.lora_config.seed ?? 0;
      // The LoRA seed seeds the simulated weights, as the run's seed seeds the in-process simulator.
      const model: Model = {
        id,
        baseModel: request.base_model,
        seed,
        policy: new SimPolicy({ seed }),
        pending: [],
      };
      models.set(id, model);
      return { request_id: await submit(async () => ({ model_id: id, type: "create_model" })), model_id: id };
    },
    "POST /api/v1/create_sampling_session": async (body) => {
      const request = parse(schemas.createSamplerSchema, body);
      if (!sessions.has(request.session_id))
        throw new RequestError(404, `unknown session ${request.session_id}`);
      let policy: SimPolicy;
      if (request.model_path) {
        const ref = weights.get(request.model_path);
        if (!ref) throw new RequestError(404, `unknown model_path ${request.model_path}`);
        policy = await policyFromRef(ref, (ref.state as { seed: number }).seed);
      } else if (request.base_model && options.models.includes(request.base_model)) {
        policy = trainer.baseSampler();
      } else throw new RequestError(400, "name a served base_model or a model_path");
      const id = `sampler-${randomUUID()}`;
      samplers.set(id, policy);
      samplerSources.push(
        request.model_path ? `weights:${request.model_path}` : `base:${request.base_model}`,
      );
      return { sampling_session_id: id, type: "create_sampling_session" };
    },
    "POST /api/v1/asample": async (body) => {
      const request = parse(schemas.asampleSchema, body);
      const policy = samplers.get(request.sampling_session_id);
      if (!policy) throw new RequestError(404, `unknown sampling session ${request.sampling_session_id}`);
      const prompt = request.prompt.chunks.flatMap((c) => c.tokens);
      const maxTokens = request.sampling_params.max_tokens;
      return {
        request_id: await submit(async () => ({
          sequences: await trainer.sample(policy, prompt, request.num_samples, maxTokens),
          type: "sample",
        })),
      };
    },
    "POST /api/v1/forward_backward": async (body) => {
      const request = parse(schemas.forwardBackwardSchema, body);
      const model = findModel(request.model_id);
      const { data, loss_fn } = request.forward_backward_input;
      return {
        request_id: await submit(async () => {
          const items = data.map((datum) => {
            const input = datum.model_input.chunks.flatMap((c) => c.tokens);
            const targets = datum.loss_fn_inputs.target_tokens.data;
            if (targets.length !== input.length)
              throw new RequestError(400, "target_tokens must match the input");
            return trainer.readTrainItem({
              tokens: [...input, targets.at(-1)!],
              logprobs: datum.loss_fn_inputs.logprobs.data,
              advantages: datum.loss_fn_inputs.advantages.data,
            });
          });
          model.pending.push({ items, lossFn: loss_fn });
          // Only Tinker's "name:reduction" figures (the loss): the simulator's own diagnostics come with
          // optim_step, and SDK 0.25 refuses forward_backward metric keys of any other form.
          const preview = await trainer.previewLoss(model.policy, items, loss_fn);
          const metrics = Object.fromEntries(Object.entries(preview).filter(([k]) => METRIC_KEY.test(k)));
          return {
            loss_fn_output_type: "scalar",
            loss_fn_outputs: data.map((datum) => ({
              logprobs: { data: datum.loss_fn_inputs.logprobs.data, dtype: "float32" },
            })),
            metrics,
            type: "forward_backward",
          };
        }),
      };
    },
    "POST /api/v1/optim_step": async (body) => {
      const request = parse(schemas.optimStepSchema, body);
      const model = findModel(request.model_id);
      return {
        request_id: await submit(async () => {
          const batches = model.pending.splice(0);
          if (batches.length === 0) return { metrics: {}, type: "optim_step" };
          const result = await model.policy.train({
            items: batches.flatMap((b) => b.items),
            learningRate: request.adam_params.learning_rate,
            lossFn: batches.at(-1)!.lossFn,
          });
          return { metrics: result.metrics, type: "optim_step" };
        }),
      };
    },
    "POST /api/v1/save_weights": async (body) => saveWeights(body, "weights"),
    "POST /api/v1/save_weights_for_sampler": async (body) => saveWeights(body, "sampler_weights"),
    "POST /api/v1/load_weights": async (body) => {
      const request = parse(schemas.loadWeightsSchema, body);
      const model = findModel(request.model_id);
      return {
        request_id: await submit(async () => {
          const ref = weights.get(request.path);
          if (!ref) throw new RequestError(404, `no weights at ${request.path}`);
          await model.policy.loadCheckpoint(ref);
          return { path: request.path, type: "load_weights" };
        }),
      };
    },
    "POST /api/v1/retrieve_future": async (body) => {
      const request = parse(schemas.retrieveSchema, body);
      return new Reply(await futures.retrieve(request.request_id, request.allow_metadata_only ?? false));
    },
  };

  async function saveWeights(body: unknown, kind: "weights" | "sampler_weights") {
    const request = parse(schemas.saveWeightsSchema, body);
    const model = findModel(request.model_id);
    const path = `tinker://${model.id}/${kind}/${request.path}`;
    // SkyRL refuses a second save under a name (its checkpoints are directories it will not overwrite).
    if (mode === "skyrl" && savedNames.has(path))
      throw new RequestError(409, `Checkpoint '${request.path}' already exists for model '${model.id}'`);
    savedNames.add(path);
    return {
      request_id: await submit(async () => {
        weights.set(path, await model.policy.saveCheckpoint(request.path));
        return { path, type: kind === "weights" ? "save_weights" : "save_weights_for_sampler" };
      }),
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "").split("?")[0]!;
    const key = `${req.method} ${path}`;
    requests.set(path, (requests.get(path) ?? 0) + 1);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (faults.isDown()) return send(503, { error: "the simulated server is down", category: "server" });
    const fault = faults.decide();
    if (fault === "429") {
      res.setHeader("retry-after", "0");
      return send(429, { error: "rate limited (simulated)", category: "server" });
    }
    if (fault === "5xx") return send(502, { error: "bad gateway (simulated)", category: "server" });
    if (fault === "slow") await delay(faults.current.slowMs);
    if (hosted ? !hosted.allows(path, req) : options.apiKey && req.headers["x-api-key"] !== options.apiKey)
      return send(401, { error: "invalid or expired credential", category: "user" });
    if (hosted?.billingPause()) return send(402, { error: "payment required (simulated)", category: "user" });
    const route = routes[key];
    if (!route) return send(404, { error: `no route ${key}`, category: "user" });
    let status = 200;
    let reply: unknown;
    try {
      const body = req.method === "POST" ? await readBody(req, wire) : {};
      const idempotencyKey = req.headers["x-idempotency-key"];
      // SkyRL keeps no idempotency keys: a resend is a new request there.
      const dedupe =
        typeof idempotencyKey === "string" && mode !== "skyrl" ? `${key}:${idempotencyKey}` : null;
      // The promise is kept, not the reply: a retry that arrives while the first try runs waits for it.
      let pending = dedupe ? idempotent.get(dedupe) : undefined;
      if (!pending) {
        pending = route(body);
        if (dedupe) {
          idempotent.set(dedupe, pending);
          pending.catch(() => idempotent.delete(dedupe));
        }
      }
      reply = await pending;
      if (reply instanceof Reply) ({ status, body: reply } = reply.poll);
    } catch (error) {
      status = error instanceof RequestError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      // SkyRL is FastAPI: its refusals are `{detail}`.
      reply =
        mode === "skyrl"
          ? { detail: message }
          : { error: message, category: status < 500 ? "user" : "server" };
    }
    // Processed, then the reply is lost: the client must retry and must not get the work done twice.
    if (fault === "drop" || dropOnce.delete(path)) return void res.socket?.destroy();
    const binary =
      status === 200 && path.endsWith("/retrieve_future") ? protobufResult(req, reply, wire) : null;
    if (!binary) return send(status, reply);
    res.writeHead(200, { "content-type": PROTOBUF });
    res.end(binary);
  }

  const { url, port, close } = await listen(handle, options.host ?? "127.0.0.1", options.port ?? 0);
  return {
    url,
    port,
    faults,
    requests,
    samplerSources,
    hosted,
    futures,
    wire,
    dropNext: (path) => void dropOnce.add(path),
    close,
  };
}
