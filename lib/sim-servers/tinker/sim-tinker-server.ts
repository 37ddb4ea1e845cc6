/**
 * A Tinker-compatible server over the offline simulator: real HTTP, Tinker's JSON shapes and futures
 * (`retrieve_future` long-polls and answers `try_again` while a future is pending), per-model seq ids,
 * idempotent resubmission (X-Idempotency-Key), and fault injection (faults.ts). See sim-trainer.ts for
 * how token ids become simulator calls. Start it with `npm run serve:sim-tinker` or createSimTinkerServer.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { z } from "zod";
import { loadChatTokenizer } from "@/lib/backends/tinker/chat-tokenizer";
import type { CheckpointRef, EsplProblem, TrainItem, TrainRequest } from "@/lib/espl/ports";
import { SimPolicy } from "@/lib/espl/simulator";
import { FaultInjector, type FaultSettings } from "./faults";
import * as schemas from "./request-schemas";
import { policyFromRef, ProblemIndex, SimTrainer, TokenCodec } from "./sim-trainer";

export interface SimTinkerServerOptions {
  host?: string;
  port?: number;
  tokenizerDir: string;
  /** The base models it serves (the first is the default). */
  models: string[];
  /** The problems it can recognise in prompts (train and test splits). */
  problems: readonly EsplProblem[];
  seed?: number;
  faults?: Partial<FaultSettings>;
  /** Longest hold of a retrieve_future before it answers try_again. */
  longPollMs?: number;
  apiKey?: string | null;
}

interface Future {
  readyAt: number;
  result?: unknown;
  error?: { error: string; category: "user" | "server" };
}

interface Model {
  id: string;
  baseModel: string;
  seed: number;
  policy: SimPolicy;
  pending: { items: TrainItem[]; lossFn: TrainRequest["lossFn"] }[];
}

class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface SimTinkerServer {
  url: string;
  port: number;
  faults: FaultInjector;
  /** Requests handled, by path (faults included). */
  requests: Map<string, number>;
  /** What each sampling session samples: "base:<model>" or "weights:<path>", in creation order. */
  samplerSources: string[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      if (text.length === 0) return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new RequestError(400, "the body is not JSON"));
      }
    });
    req.on("error", reject);
  });
}

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new RequestError(400, `invalid request: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`);
  }
  return result.data;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
  const futures = new Map<string, Future>();
  const idempotent = new Map<string, Promise<unknown>>();
  const requests = new Map<string, number>();
  const samplerSources: string[] = [];

  /** Runs the work now (so results follow submission order) and hands out a future for it. */
  async function submit(work: () => Promise<unknown>): Promise<string> {
    const id = randomUUID();
    const future: Future = { readyAt: Date.now() + faults.current.pendingMs };
    try {
      future.result = await work();
    } catch (error) {
      future.error = {
        error: error instanceof Error ? error.message : String(error),
        category: error instanceof RequestError ? "user" : "server",
      };
    }
    futures.set(id, future);
    return id;
  }

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
    }),
    "POST /api/v1/create_session": async (body) => {
      parse(schemas.createSessionSchema, body);
      const id = `session-${randomUUID()}`;
      sessions.add(id);
      return { session_id: id, type: "create_session" };
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
          const metrics = await trainer.previewLoss(model.policy, items, loss_fn);
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
      const { request_id } = parse(schemas.retrieveSchema, body);
      const future = futures.get(request_id);
      if (!future) throw new RequestError(404, `unknown request_id ${request_id}`);
      const wait = future.readyAt - Date.now();
      if (wait > 0) {
        await delay(Math.min(wait, longPollMs));
        if (future.readyAt > Date.now()) return { type: "try_again", request_id, queue_state: "active" };
      }
      return future.error ?? future.result;
    },
  };

  async function saveWeights(body: unknown, kind: "weights" | "sampler_weights") {
    const request = parse(schemas.saveWeightsSchema, body);
    const model = findModel(request.model_id);
    return {
      request_id: await submit(async () => {
        const path = `tinker://${model.id}/${kind}/${request.path}`;
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
    if (options.apiKey && req.headers["x-api-key"] !== options.apiKey)
      return send(401, { error: "invalid API key", category: "user" });
    const route = routes[key];
    if (!route) return send(404, { error: `no route ${key}`, category: "user" });
    let status = 200;
    let reply: unknown;
    try {
      const body = req.method === "POST" ? await readBody(req) : {};
      const idempotencyKey = req.headers["x-idempotency-key"];
      const dedupe = typeof idempotencyKey === "string" ? `${key}:${idempotencyKey}` : null;
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
    } catch (error) {
      status = error instanceof RequestError ? error.status : 500;
      reply = {
        error: error instanceof Error ? error.message : String(error),
        category: status < 500 ? "user" : "server",
      };
    }
    // Processed, then the reply is lost: the client must retry and must not get the work done twice.
    if (fault === "drop") return void res.socket?.destroy();
    send(status, reply);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: String(error), category: "server" }));
      }
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    port,
    faults,
    requests,
    samplerSources,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
