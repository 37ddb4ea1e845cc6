/**
 * A simulated OpenAI-compatible server over the offline simulator, speaking the real wire format:
 * GET /v1/models, POST /v1/chat/completions and /v1/completions (with n, logprobs, vLLM's token ids and
 * usage), OpenAI-style error bodies, optional bearer auth, and fault injection (./faults.ts). Control
 * endpoints: GET /_sim/stats, POST /_sim/faults. Used by the tests and runnable on its own
 * (`npm run serve:sim-openai`).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Completion } from "@/lib/espl/ports";
import { FaultPlan, type FaultKind } from "./faults";
import {
  cutAtStop,
  estimateTokens,
  finishReason,
  HttpFault,
  parseRequest,
  readBody,
  sendError,
  sendJson,
} from "./http-helpers";
import { createSimAnswers } from "./sim-answers";
import {
  chatRequestSchema,
  completionRequestSchema,
  type ChatRequestBody,
  type CompletionRequestBody,
} from "./wire-requests";

export interface SimOpenAIOptions {
  host?: string;
  port?: number;
  seed?: number;
  policyModel?: string;
  reflectionModel?: string;
  /** When set, requests must send `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  faults?: unknown;
  /** Reject `logprobs` with a 400, as some servers do (for connection tests). */
  noLogprobs?: boolean;
}

export interface SimOpenAIStats {
  requests: number;
  byPath: Record<string, number>;
  injected: Record<FaultKind, number>;
}

export interface SimOpenAIServer {
  url: string;
  /** Base URL a client uses (…/v1). */
  baseUrl: string;
  stats(): SimOpenAIStats;
  setFaults(faults: unknown): void;
  close(): Promise<void>;
}

let completionCounter = 0;

const usageOf = (promptTokens: number, completionTokens: number) => ({
  prompt_tokens: promptTokens,
  completion_tokens: completionTokens,
  total_tokens: promptTokens + completionTokens,
});

/** A completion body's envelope; ids are unique within the process, as a real server's are. */
function reply(
  object: "chat.completion" | "text_completion",
  model: string,
  choices: unknown[],
  usage: unknown,
) {
  const prefix = object === "chat.completion" ? "chatcmpl" : "cmpl";
  return {
    id: `${prefix}-sim-${++completionCounter}`,
    object,
    created: Math.floor(Date.now() / 1000),
    model,
    choices,
    usage,
  };
}

export async function startSimOpenAIServer(options: SimOpenAIOptions = {}): Promise<SimOpenAIServer> {
  const seed = options.seed ?? 0;
  const policyModel = options.policyModel ?? "sim-policy";
  const reflectionModel = options.reflectionModel ?? "sim-reflection";
  const answers = createSimAnswers(seed);
  const faults = new FaultPlan(options.faults, seed);
  const counts = { requests: 0, byPath: {} as Record<string, number> };

  const classifyUse = (model: string, espl: unknown) =>
    espl || model === reflectionModel ? ("reflection" as const) : ("policy" as const);

  /** Applies the faults that answer instead of the server; true when one did. */
  const injectFault = (res: http.ServerResponse, use: "policy" | "reflection"): boolean => {
    if (faults.draw("drop", use)) {
      res.socket?.destroy();
      return true;
    }
    const rateLimit = faults.current.rateLimit;
    if (rateLimit && faults.draw("rateLimit", use)) {
      sendError(res, 429, "Rate limit reached (simulated)", "rate_limit_exceeded", {
        "retry-after": String(rateLimit.retryAfterS),
      });
      return true;
    }
    const serverError = faults.current.serverError;
    if (serverError && faults.draw("serverError", use)) {
      sendError(res, serverError.status, "The server had an error (simulated)", "server_error");
      return true;
    }
    if (faults.draw("malformedBody", use)) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"id": "cmpl-broken", "choices": [{"index": 0, "text": "unterminated');
      return true;
    }
    return false;
  };

  const rejectLogprobs = (logprobs: unknown) => {
    if (logprobs && options.noLogprobs) throw new HttpFault(400, "logprobs are not supported by this server");
  };

  /** The policy path both endpoints share: sample, cut at the stop strings, count usage; `shape` writes one choice in the endpoint's own format. */
  const samplePolicy = async <C>(
    prompt: string,
    req: ChatRequestBody | CompletionRequestBody,
    maxTokens: number,
    shape: (c: Completion, text: string, finish: string, index: number) => C,
  ) => {
    const completions = await answers.sample(prompt, req.n, maxTokens, req.temperature, req.top_p);
    const choices = completions.map((c, index) => {
      const cut = cutAtStop(c.text, req.stop);
      return shape(c, cut.text, finishReason(c, maxTokens, cut.stopped), index);
    });
    const promptTokens = completions[0]?.promptTokenCount ?? 0;
    const completionTokens = completions.reduce((sum, c) => sum + (c.completionTokenCount ?? 0), 0);
    return { completions, choices, usage: usageOf(promptTokens, completionTokens) };
  };

  const handleChat = async (body: unknown, res: http.ServerResponse) => {
    const req = parseRequest(chatRequestSchema, body);
    const use = classifyUse(req.model, req.espl_context);
    rejectLogprobs(req.logprobs);
    if (injectFault(res, use)) return;
    if (use === "reflection") {
      let content = answers.reflect(
        req.messages.map((m) => ({ role: m.role === "developer" ? "system" : m.role, content: m.content })),
        req.espl_context ?? null,
      );
      if (faults.draw("malformedContent", use))
        content = `Here are my edits:\n\`\`\`json\n[{"op": "add", "text": "unfinished`;
      const promptTokens = req.messages.reduce((sum, m) => sum + estimateTokens(m.content), 0);
      const choices = Array.from({ length: req.n }, (_, index) => ({
        index,
        message: { role: "assistant", content },
        logprobs: null,
        finish_reason: "stop",
      }));
      return sendJson(
        res,
        200,
        reply("chat.completion", req.model, choices, usageOf(promptTokens, estimateTokens(content) * req.n)),
      );
    }
    const maxTokens = req.max_completion_tokens ?? req.max_tokens ?? 4096;
    const prompt = req.messages.map((m) => m.content).join("\n");
    const { completions, choices, usage } = await samplePolicy(
      prompt,
      req,
      maxTokens,
      (c, text, finish, index) => ({
        index,
        message: { role: "assistant", content: text },
        logprobs: req.logprobs
          ? {
              content: (c.tokens ?? []).map((t, i) => ({
                token: `<${t}>`,
                logprob: c.logprobs?.[i] ?? 0,
                bytes: null,
                top_logprobs: [],
              })),
            }
          : null,
        finish_reason: finish,
        ...(req.return_token_ids ? { token_ids: c.tokens ?? [] } : {}),
      }),
    );
    sendJson(res, 200, {
      ...reply("chat.completion", req.model, choices, usage),
      ...(req.return_token_ids ? { prompt_token_ids: completions[0]?.promptTokens ?? [] } : {}),
    });
  };

  const handleCompletion = async (body: unknown, res: http.ServerResponse) => {
    const req = parseRequest(completionRequestSchema, body);
    rejectLogprobs(req.logprobs);
    if (injectFault(res, "policy")) return;
    const { choices, usage } = await samplePolicy(
      req.prompt,
      req,
      req.max_tokens ?? 16,
      (c, text, finish, index) => ({
        index,
        text,
        logprobs: req.logprobs
          ? {
              tokens: (c.tokens ?? []).map((t) => `<${t}>`),
              token_logprobs: c.logprobs ?? [],
              top_logprobs: null,
              text_offset: null,
            }
          : null,
        finish_reason: finish,
        ...(req.return_token_ids
          ? { token_ids: c.tokens ?? [], prompt_token_ids: c.promptTokens ?? [] }
          : {}),
      }),
    );
    sendJson(res, 200, reply("text_completion", req.model, choices, usage));
  };

  const route = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://sim").pathname.replace(/\/+$/, "");
    counts.requests += 1;
    counts.byPath[path] = (counts.byPath[path] ?? 0) + 1;
    if (path === "/_sim/stats" && req.method === "GET")
      return sendJson(res, 200, { ...counts, injected: faults.injected, faults: faults.current });
    if (path === "/_sim/faults" && req.method === "POST") {
      const body = await readBody(req);
      try {
        return sendJson(res, 200, { faults: faults.replace(body) });
      } catch (error) {
        throw new HttpFault(400, error instanceof Error ? error.message : "invalid faults");
      }
    }
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`)
      throw new HttpFault(401, "Incorrect API key provided (simulated)", "invalid_api_key");
    if (faults.slowMs > 0) await new Promise((r) => setTimeout(r, faults.slowMs));
    if (path === "/v1/models" && req.method === "GET")
      return sendJson(res, 200, {
        object: "list",
        data: [policyModel, reflectionModel].map((id) => ({
          id,
          object: "model",
          created: 0,
          owned_by: "espl-sim",
        })),
      });
    if (path === "/v1/chat/completions" && req.method === "POST") return handleChat(await readBody(req), res);
    if (path === "/v1/completions" && req.method === "POST")
      return handleCompletion(await readBody(req), res);
    throw new HttpFault(404, `no route ${req.method} ${path}`);
  };

  const server = http.createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return;
      if (error instanceof HttpFault) sendError(res, error.status, error.message, error.type);
      else sendError(res, 500, error instanceof Error ? error.message : String(error), "server_error");
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  return {
    url,
    baseUrl: `${url}/v1`,
    stats: () => ({
      requests: counts.requests,
      byPath: { ...counts.byPath },
      injected: { ...faults.injected },
    }),
    setFaults: (next) => void faults.replace(next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
