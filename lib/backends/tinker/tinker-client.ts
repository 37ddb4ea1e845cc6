/**
 * HTTP transport for the Tinker protocol: JSON POSTs with the API key, every reply validated, every
 * failure a BackendError whose status/code the runner's retry rules (lib/runner/retry.ts) classify, and
 * the future-polling loop of the protocol note: `try_again` and 408 poll again, 410 resubmits, a bare
 * 400 is retried up to three times, `{error, category}` fails the request. A 429, 5xx or dropped
 * connection while polling propagates, and the caller's retry resumes polling the same request id.
 */
import type { z } from "zod";
import { BackendError, errorChain, sleep, withRetry, type RetryOptions } from "@/lib/runner/retry";
import {
  API_PREFIX,
  completeMetadataSchema,
  futureReplySchema,
  requestFailedSchema,
  tryAgainSchema,
} from "./protocol";

export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
const BARE_400_RETRIES = 3;
const MAX_POLLS = 100_000;

export interface TinkerClientOptions {
  baseUrl: string;
  apiKey: string | null;
  /** For error messages: "policy backend", "reflection backend". */
  backend: string;
  /** Per HTTP request; long polls are answered by the server well within it. */
  requestTimeoutMs?: number;
  fetchFn?: typeof fetch;
  /**
   * Each HTTP exchange is retried on 429, 5xx and dropped connections (the runner's rules, a smaller
   * budget): one run step makes hundreds of requests, and the runner's own retry of the whole call would
   * otherwise run out of attempts on a busy service. What stays down still surfaces, then the runner retries.
   */
  retry?: Partial<RetryOptions>;
}

const REQUEST_RETRY: Partial<RetryOptions> = { maxAttempts: 4, baseDelayMs: 250, maxElapsedMs: 20_000 };

interface RawReply {
  status: number;
  body: unknown;
  retryAfterMs: number | undefined;
}

function networkCode(error: unknown): string | undefined {
  for (const link of errorChain(error)) {
    if (link.name === "TimeoutError") return "timeout";
    if (typeof link.code === "string") return link.code;
  }
  return undefined;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function describeBody(body: unknown): string {
  if (body === null || body === undefined) return "";
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

export class TinkerClient {
  readonly baseUrl: string;
  private readonly options: TinkerClientOptions;

  constructor(options: TinkerClientOptions) {
    this.options = options;
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
  }

  private url(path: string): string {
    return `${this.baseUrl}${API_PREFIX}${path}`;
  }

  /** One HTTP exchange, retried while the reply is a transient failure; other replies are returned as they are. */
  async send(
    method: "GET" | "POST",
    path: string,
    body: unknown,
    init: { signal?: AbortSignal; idempotencyKey?: string } = {},
  ): Promise<RawReply> {
    let last: RawReply | null = null;
    try {
      return await withRetry(
        async () => {
          const reply = await this.sendOnce(method, path, body, init);
          if (reply.status === 429 || reply.status >= 500) {
            last = reply;
            this.fail(path, reply);
          }
          return reply;
        },
        { ...REQUEST_RETRY, ...this.options.retry, signal: init.signal },
      );
    } catch (error) {
      // Out of attempts on a status: hand back the last reply so the caller reports it as such.
      if (last !== null && error instanceof BackendError && error.status === (last as RawReply).status)
        return last;
      throw error;
    }
  }

  /** One HTTP exchange; throws only for transport failures (no reply at all). */
  private async sendOnce(
    method: "GET" | "POST",
    path: string,
    body: unknown,
    init: { signal?: AbortSignal; idempotencyKey?: string } = {},
  ): Promise<RawReply> {
    const timeout = AbortSignal.timeout(this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (this.options.apiKey) headers["x-api-key"] = this.options.apiKey;
    if (init.idempotencyKey) headers["x-idempotency-key"] = init.idempotencyKey;
    let response: Response;
    let text: string;
    try {
      response = await (this.options.fetchFn ?? fetch)(this.url(path), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
      text = await response.text();
    } catch (error) {
      // The caller's own abort is not a backend fault: pass it through untouched.
      if (init.signal?.aborted) throw init.signal.reason;
      const code = networkCode(error);
      throw new BackendError(
        `${this.options.backend} ${path}: ${code === "timeout" ? "no reply in time" : `connection failed (${code ?? (error as Error).message})`}`,
        { code, backend: this.options.backend, cause: error },
      );
    }
    let parsed: unknown = text;
    if (text.length > 0)
      try {
        parsed = JSON.parse(text);
      } catch {
        // Left as text: an error page from a proxy, reported as it came.
      }
    return {
      status: response.status,
      body: parsed,
      retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
    };
  }

  private fail(path: string, reply: RawReply): never {
    throw new BackendError(
      `${this.options.backend} ${path} answered ${reply.status}${reply.body ? `: ${describeBody(reply.body)}` : ""}`,
      { status: reply.status, backend: this.options.backend, retryAfterMs: reply.retryAfterMs },
    );
  }

  validate<S extends z.ZodType>(path: string, schema: S, body: unknown): z.infer<S> {
    const result = schema.safeParse(body);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new BackendError(
        `malformed reply from ${this.options.backend} ${path}: ${issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "unreadable"}`,
        { backend: this.options.backend },
      );
    }
    return result.data;
  }

  /** A plain call: 2xx with a valid body, or a BackendError. */
  async call<S extends z.ZodType>(
    method: "GET" | "POST",
    path: string,
    body: unknown,
    schema: S,
    init: { signal?: AbortSignal; idempotencyKey?: string } = {},
  ): Promise<z.infer<S>> {
    const reply = await this.send(method, path, body, init);
    if (reply.status < 200 || reply.status >= 300) this.fail(path, reply);
    const failed = requestFailedSchema.safeParse(reply.body);
    if (failed.success) this.failRequest(path, failed.data);
    return this.validate(path, schema, reply.body);
  }

  private failRequest(path: string, failed: z.infer<typeof requestFailedSchema>): never {
    throw new BackendError(
      `${this.options.backend} ${path} failed${failed.category ? ` (${failed.category})` : ""}: ${failed.error}`,
      { backend: this.options.backend },
    );
  }

  /** Submits a request that answers with a future. */
  submit(path: string, body: unknown, init: { signal?: AbortSignal; idempotencyKey?: string } = {}) {
    return this.call("POST", path, body, futureReplySchema, init);
  }

  /** Polls a future to its result (see the module comment for what each reply means). */
  async retrieve<S extends z.ZodType>(
    requestId: string,
    schema: S,
    options: { signal?: AbortSignal; resubmit?: () => Promise<string> } = {},
  ): Promise<z.infer<S>> {
    let id = requestId;
    let bare400 = 0;
    let metadataOnly = true;
    const path = "/retrieve_future";
    for (let poll = 0; poll < MAX_POLLS; poll++) {
      options.signal?.throwIfAborted();
      const reply = await this.send(
        "POST",
        path,
        { request_id: id, allow_metadata_only: metadataOnly },
        { signal: options.signal },
      );
      if (reply.status === 408) continue;
      if (reply.status === 410 && options.resubmit) {
        id = await options.resubmit();
        continue;
      }
      if (reply.status === 400 && !requestFailedSchema.safeParse(reply.body).success) {
        if (++bare400 <= BARE_400_RETRIES) continue;
        this.fail(path, reply);
      }
      // The status decides (429 and 5xx are the caller's to retry), whatever the body says.
      if (reply.status < 200 || reply.status >= 300) this.fail(path, reply);
      if (tryAgainSchema.safeParse(reply.body).success) {
        // Servers long-poll before answering try_again; the pause guards against one that does not.
        await sleep(Math.min(50 * 2 ** Math.min(poll, 5), 1000), options.signal);
        continue;
      }
      if (completeMetadataSchema.safeParse(reply.body).success) {
        metadataOnly = false;
        continue;
      }
      const failed = requestFailedSchema.safeParse(reply.body);
      if (failed.success) this.failRequest(path, failed.data);
      return this.validate(path, schema, reply.body);
    }
    throw new BackendError(`${this.options.backend}: request ${id} never completed`, {
      backend: this.options.backend,
    });
  }
}
