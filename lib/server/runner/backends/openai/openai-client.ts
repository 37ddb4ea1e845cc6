/**
 * One configured `openai` client per backend connection, plus the calls the driver makes through it. The
 * client's own retries are off: the runner's retry policy (lib/server/runner/retry.ts) is the only one, so a
 * retry shows on the run as "retrying: 429 from policy backend (attempt 2)". Every reply is validated.
 */
import "server-only";
import OpenAI from "openai";
import type { z } from "zod";
import type { BackendConnection } from "../driver";
import { readBackendOptions, type BackendOptions } from "@/lib/domain/backends/backend-options";
import { getBackendLimit, type ConcurrencyLimit } from "./concurrency";
import { malformedReply, toBackendError } from "./openai-errors";
import { describeIssues, modelListSchema } from "./wire-schemas";

export interface OpenAIEndpoint {
  client: OpenAI;
  options: BackendOptions;
  limit: ConcurrencyLimit;
  connection: BackendConnection;
}

export function openEndpoint(connection: BackendConnection): OpenAIEndpoint {
  if (!connection.baseUrl) throw new Error(`model backend ${connection.id} has no base URL`);
  const options = readBackendOptions(connection.options);
  const client = new OpenAI({
    baseURL: connection.baseUrl,
    // Local servers (vLLM, llama.cpp, Ollama) often need no key; the client insists on a string.
    apiKey: connection.apiKey ?? "none",
    maxRetries: 0,
    timeout: options.timeoutMs,
  });
  return { client, options, limit: getBackendLimit(connection.id, options.concurrency), connection };
}

/** Runs one request under the backend's concurrency limit and maps its failures to BackendError. */
export async function callEndpoint<T>(
  endpoint: OpenAIEndpoint,
  backend: string,
  fn: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  try {
    return await endpoint.limit.run(fn, signal);
  } catch (error) {
    throw toBackendError(error, backend);
  }
}

export function parseReply<T>(schema: z.ZodType<T>, raw: unknown, backend: string, what: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw malformedReply(backend, what, describeIssues(parsed.error));
  return parsed.data;
}

export async function listModels(
  endpoint: OpenAIEndpoint,
  backend: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const raw = await callEndpoint(
    endpoint,
    backend,
    // The raw body, not the client's paginator: the reply is validated here like every other.
    () => endpoint.client.get("/models", { signal }),
    signal,
  );
  return parseReply(modelListSchema, raw, backend, "model list").data.map((m) => m.id);
}

/** The model named for `use` on the backend, else the other use's, else the server's first. */
export function createModelResolver(endpoint: OpenAIEndpoint, use: "policy" | "reflection", backend: string) {
  const named = endpoint.connection.models[use] ?? endpoint.connection.models.policy;
  let found: Promise<string> | null = null;
  return (signal?: AbortSignal): Promise<string> => {
    if (named) return Promise.resolve(named);
    found ??= listModels(endpoint, backend, signal).then((models) => {
      if (models.length === 0) throw malformedReply(backend, "model list", "the server lists no models");
      return models[0]!;
    });
    // A failed lookup is not cached: the retry asks again.
    found.catch(() => (found = null));
    return found;
  };
}
