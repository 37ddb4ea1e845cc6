import OpenAI from "openai";
import { describe, expect, test } from "vitest";
import { BackendError, classifyBackendError } from "@/lib/server/runner/retry";
import { parseRetryAfter, toBackendError } from "./openai-errors";

describe("parseRetryAfter", () => {
  test("reads seconds, milliseconds and HTTP dates; ignores junk", () => {
    expect(parseRetryAfter(new Headers({ "retry-after": "3" }))).toBe(3000);
    expect(parseRetryAfter(new Headers({ "retry-after-ms": "250", "retry-after": "9" }))).toBe(250);
    const now = Date.parse("2026-12-03T12:00:00Z");
    expect(parseRetryAfter(new Headers({ "retry-after": "Thu, 03 Dec 2026 12:00:05 GMT" }), now)).toBe(5000);
    expect(parseRetryAfter(new Headers({ "retry-after": "soon" }))).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe("toBackendError", () => {
  const apiError = (status: number, headers: Record<string, string> = {}) =>
    OpenAI.APIError.generate(
      status,
      { error: { message: `boom ${status}` } },
      undefined,
      new Headers(headers),
    );

  test("429 and 5xx become transient BackendErrors with the server's message and Retry-After", () => {
    const limited = toBackendError(apiError(429, { "retry-after": "2" }), "policy backend");
    expect(limited).toBeInstanceOf(BackendError);
    expect((limited as BackendError).retryAfterMs).toBe(2000);
    expect((limited as BackendError).message).toContain("boom 429");
    expect(classifyBackendError(limited)).toBe("429 from policy backend");
    expect(classifyBackendError(toBackendError(apiError(503), "policy backend"))).toBe(
      "503 from policy backend",
    );
  });

  test("4xx, malformed bodies and bad replies are final; timeouts and dropped connections are retried", () => {
    expect(classifyBackendError(toBackendError(apiError(400), "b"))).toBeNull();
    expect(classifyBackendError(toBackendError(apiError(401), "b"))).toBeNull();
    expect(classifyBackendError(toBackendError(new SyntaxError("Unexpected end"), "b"))).toBeNull();
    const timeout = toBackendError(new OpenAI.APIConnectionTimeoutError(), "b");
    expect(classifyBackendError(timeout)).toBe("timeout from b");
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    const dropped = toBackendError(new OpenAI.APIConnectionError({ cause: reset }), "b");
    expect(classifyBackendError(dropped)).toBe("ECONNRESET from b");
    // A drop that carries no code is still a network fault.
    expect(classifyBackendError(toBackendError(new OpenAI.APIConnectionError({}), "b"))).toBe(
      "ECONNRESET from b",
    );
  });
});
