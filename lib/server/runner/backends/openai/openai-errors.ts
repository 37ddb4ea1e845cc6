/**
 * Turns whatever the `openai` client throws into the runner's BackendError, so lib/server/runner/retry.ts decides
 * on status and code (429 and 5xx retried with the server's Retry-After, timeouts and dropped connections
 * retried, 4xx and malformed replies final) instead of on message text.
 */
import "server-only";
import OpenAI from "openai";
import { BackendError, errorChain } from "@/lib/server/runner/retry";

const NETWORK_CODE = /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/;

/** Retry-After in seconds or as an HTTP date, or OpenAI's retry-after-ms; undefined when absent or bad. */
export function parseRetryAfter(headers: Headers | undefined, now = Date.now()): number | undefined {
  const ms = headers?.get("retry-after-ms");
  if (ms && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms));
  const value = headers?.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function findNetworkCode(error: unknown): string | undefined {
  for (const link of errorChain(error))
    if (typeof link.code === "string" && NETWORK_CODE.test(link.code)) return link.code;
  return undefined;
}

/** The server's own error message from an OpenAI-style `{error: {message}}` body, when it sent one. */
function serverMessage(error: InstanceType<typeof OpenAI.APIError>): string {
  const body = error.error as { message?: unknown } | undefined;
  if (body && typeof body.message === "string" && body.message.trim() !== "") return body.message.trim();
  return error.message;
}

export function toBackendError(error: unknown, backend: string): unknown {
  if (error instanceof BackendError) return error;
  if (error instanceof OpenAI.APIUserAbortError) return error;
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return new BackendError(`${backend}: request timed out`, { code: "timeout", backend, cause: error });
  if (error instanceof OpenAI.APIConnectionError) {
    // A connection that dropped mid-reply often carries no code at all; it is a network fault all the same.
    const code = findNetworkCode(error) ?? "ECONNRESET";
    return new BackendError(`${backend}: connection failed (${code})`, { code, backend, cause: error });
  }
  if (error instanceof OpenAI.APIError && error.status !== undefined)
    return new BackendError(`${backend}: HTTP ${error.status}: ${serverMessage(error)}`, {
      status: error.status,
      backend,
      retryAfterMs: parseRetryAfter(error.headers),
      cause: error,
    });
  if (error instanceof SyntaxError)
    return new BackendError(`${backend}: the reply is not valid JSON (${error.message})`, {
      backend,
      cause: error,
    });
  return error;
}

/** A reply that parsed as JSON but is not what the API promises: final, never retried. */
export function malformedReply(backend: string, what: string, detail: string): BackendError {
  return new BackendError(`${backend}: malformed ${what} reply: ${detail}`, { backend, code: "bad_reply" });
}
