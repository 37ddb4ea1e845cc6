/**
 * HTTP transport for the Tinker protocol: JSON POSTs with the credential (client-auth.ts), every reply
 * validated, every failure a BackendError whose status/code the runner's retry rules (lib/server/runner/retry.ts)
 * classify. 402 (billing) pauses and retries as the SDK does. `connect()` is the SDK's opening handshake:
 * client config, JWT exchange when asked, the server's capabilities. Futures are polled by future-poll.ts.
 */
import "server-only";
import type { z } from "zod";
import { BackendError, sleep, withRetry, type RetryOptions } from "@/lib/server/runner/retry";
import {
  type ClientConfig,
  clientConfigSchema,
  Credential,
  PRESENTED_SDK_VERSION,
  tokenReplySchema,
} from "./client-auth";
import {
  describeBody,
  networkCode,
  parseRetryAfter,
  type RawReply,
  REQUEST_RETRY,
  type SendInit,
  type ServerInfo,
  type WireFormat,
} from "./client-types";
import { BatchPoller, type RetrieveOptions, retrieveFuture } from "./future-poll";
import { type HttpExchange, httpExchange, type HttpReply } from "./http-exchange";
import { encodeForwardBackward, type ForwardBackwardBody, PROTOBUF, zstdCompress } from "./proto-wire";
import { API_PREFIX, capabilitiesReplySchema, futureReplySchema, requestFailedSchema } from "./protocol";

export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
export type { RawReply, SendInit, ServerInfo, WireFormat } from "./client-types";

/** The SDK's default billing pause before a 402 becomes an error. */
const DEFAULT_MAX_BILLING_PAUSE_MS = 10 * 60_000;

export interface TinkerClientOptions {
  baseUrl: string;
  apiKey: string | null;
  /** For error messages: "policy backend", "reflection backend". */
  backend: string;
  /** Per HTTP request; a poll that outlasts it is simply polled again. */
  requestTimeoutMs?: number;
  /** The HTTP exchange (tests substitute their own). */
  exchange?: HttpExchange;
  /**
   * Each HTTP exchange is retried on 429, 5xx and dropped connections (the runner's rules, a smaller
   * budget): one run step makes many requests, and the runner's own retry of the whole call would
   * otherwise run out of attempts on a busy service. What stays down still surfaces, then the runner retries.
   */
  retry?: Partial<RetryOptions>;
  /** Wait between tries while the service answers 402 (no Retry-After). */
  billingPauseMs?: number;
  /** Longest 402 pause when the client config does not say (`billing_exception_max_pause_duration_sec`). */
  maxBillingPauseMs?: number;
}

export class TinkerClient {
  readonly baseUrl: string;
  readonly backend: string;
  private readonly options: TinkerClientOptions;
  private readonly credential: Credential;
  private config: ClientConfig | null = null;
  wire: WireFormat = "json";
  private poller: BatchPoller | null = null;
  private connected: Promise<ServerInfo> | null = null;

  constructor(options: TinkerClientOptions) {
    this.options = options;
    this.backend = options.backend;
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.credential = new Credential(
      options.apiKey,
      async () => (await this.call("POST", "/auth/token", {}, tokenReplySchema, { rawKey: true })).jwt,
      options.backend,
    );
  }

  private url(path: string): string {
    return `${this.baseUrl}${API_PREFIX}${path}`;
  }

  /** Client config, JWT exchange when it asks, then capabilities; once per client. */
  connect(signal?: AbortSignal): Promise<ServerInfo> {
    this.connected ??= this.handshake(signal);
    this.connected.catch(() => (this.connected = null));
    return this.connected;
  }

  private async handshake(signal?: AbortSignal): Promise<ServerInfo> {
    const reply = await this.send(
      "POST",
      "/client/config",
      { sdk_version: PRESENTED_SDK_VERSION },
      { signal },
    );
    // 404/405: a server without the endpoint (SkyRL, older servers); the SDK's defaults apply.
    if (reply.status !== 404 && reply.status !== 405) {
      if (reply.status < 200 || reply.status >= 300) this.fail("/client/config", reply);
      this.config = this.validate("/client/config", clientConfigSchema, reply.body);
      if (this.config.pjwt_auth_enabled) await this.credential.enableJwt(this.config);
      this.wire = this.config.proto_compress_fwdbwd ? "protobuf+zstd" : "protobuf";
    }
    let capabilities: ServerInfo["capabilities"] = null;
    try {
      capabilities = await this.call("GET", "/get_server_capabilities", undefined, capabilitiesReplySchema, {
        signal,
      });
    } catch (error) {
      // Capabilities only label the server and switch optional features on; 404 means none.
      if (!(error instanceof BackendError && error.status === 404)) throw error;
    }
    const batchedPolls = capabilities?.supports_retrieve_futures === true;
    this.poller = batchedPolls ? new BatchPoller(this) : null;
    return {
      config: this.config,
      capabilities,
      authMode: this.credential.mode(),
      wireFormat: this.wire,
      batchedPolls,
    };
  }

  /** One HTTP exchange, retried while the reply is transient (429, 5xx, 402 within the billing pause). */
  async send(method: "GET" | "POST", path: string, body: unknown, init: SendInit = {}): Promise<RawReply> {
    const configured = this.config?.billing_exception_max_pause_duration_sec;
    const maxPause =
      configured != null
        ? configured * 1000
        : (this.options.maxBillingPauseMs ?? DEFAULT_MAX_BILLING_PAUSE_MS);
    for (let paused = 0; ;) {
      const reply = await this.sendRetrying(method, path, body, init);
      if (reply.status !== 402) return reply;
      const wait = reply.retryAfterMs ?? this.options.billingPauseMs ?? 10_000;
      if (paused + wait > maxPause)
        throw new BackendError(
          `${this.backend} ${path}: payment required (402) for ${Math.round(paused / 1000)} s${reply.body ? `: ${describeBody(reply.body)}` : ""}; check the account's billing`,
          { status: 402, backend: this.backend },
        );
      paused += wait;
      await sleep(wait, init.signal);
    }
  }

  private async sendRetrying(method: "GET" | "POST", path: string, body: unknown, init: SendInit) {
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
    init: SendInit,
  ): Promise<RawReply> {
    const timeout = AbortSignal.timeout(this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    const binary = body instanceof Uint8Array;
    const headers: Record<string, string> = { accept: init.accept ?? "application/json" };
    if (body !== undefined) headers["content-type"] = binary ? PROTOBUF : "application/json";
    if (init.contentEncoding) headers["content-encoding"] = init.contentEncoding;
    const key = init.rawKey ? this.options.apiKey : await this.credential.header();
    if (key) headers["x-api-key"] = key;
    if (init.idempotencyKey) headers["x-idempotency-key"] = init.idempotencyKey;
    let reply: HttpReply;
    try {
      reply = await (this.options.exchange ?? httpExchange)(this.url(path), {
        method,
        headers,
        body: body === undefined ? undefined : binary ? body : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      // The caller's own abort is not a backend fault: pass it through untouched.
      if (init.signal?.aborted) throw init.signal.reason;
      const code = networkCode(error);
      if (code === "timeout" && init.timeoutIsPending)
        return { status: 408, body: null, retryAfterMs: undefined };
      throw new BackendError(
        `${this.backend} ${path}: ${code === "timeout" ? "no reply in time" : `connection failed (${code ?? (error as Error).message})`}`,
        { code, backend: this.backend, cause: error },
      );
    }
    let parsed: unknown;
    if (reply.header("content-type")?.includes(PROTOBUF)) parsed = new Uint8Array(reply.body);
    else {
      const text = reply.body.toString("utf8");
      parsed = text;
      if (text.length > 0)
        try {
          parsed = JSON.parse(text);
        } catch {
          // Left as text: an error page from a proxy, reported as it came.
        }
    }
    return { status: reply.status, body: parsed, retryAfterMs: parseRetryAfter(reply.header("retry-after")) };
  }

  fail(path: string, reply: RawReply): never {
    throw new BackendError(
      `${this.backend} ${path} answered ${reply.status}${reply.body ? `: ${describeBody(reply.body)}` : ""}`,
      { status: reply.status, backend: this.backend, retryAfterMs: reply.retryAfterMs },
    );
  }

  validate<S extends z.ZodType>(path: string, schema: S, body: unknown): z.infer<S> {
    const result = schema.safeParse(body);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new BackendError(
        `malformed reply from ${this.backend} ${path}: ${issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "unreadable"}`,
        { backend: this.backend },
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
    init: SendInit = {},
  ): Promise<z.infer<S>> {
    const reply = await this.send(method, path, body, init);
    if (reply.status < 200 || reply.status >= 300) this.fail(path, reply);
    const failed = requestFailedSchema.safeParse(reply.body);
    if (failed.success) this.failRequest(path, failed.data);
    return this.validate(path, schema, reply.body);
  }

  failRequest(path: string, failed: z.infer<typeof requestFailedSchema>): never {
    throw new BackendError(
      `${this.backend} ${path} failed${failed.category ? ` (${failed.category})` : ""}: ${failed.error}`,
      { backend: this.backend },
    );
  }

  /** Submits a request that answers with a future; forward_backward goes as protobuf where the server wants it. */
  async submit(path: string, body: unknown, init: SendInit = {}) {
    if (path === "/forward_backward" && this.wire !== "json") {
      const encoded = encodeForwardBackward(body as ForwardBackwardBody);
      if (this.wire === "protobuf+zstd")
        return this.call("POST", path, await zstdCompress(encoded), futureReplySchema, {
          ...init,
          contentEncoding: "zstd",
        });
      return this.call("POST", path, encoded, futureReplySchema, init);
    }
    return this.call("POST", path, body, futureReplySchema, init);
  }

  /** Polls a future to its result, batched with other polls when the server offers retrieve_futures. */
  retrieve<S extends z.ZodType>(
    requestId: string,
    schema: S,
    options: RetrieveOptions = {},
  ): Promise<z.infer<S>> {
    return retrieveFuture(this, this.poller, requestId, schema, options);
  }
}
