/**
 * Retrying transient failures with exponential backoff and full jitter, bounded in attempts and in total
 * time. Used twice: by the executor around model-backend calls (classifyBackendError) and by the worker
 * around its own database queries (classifyDbError), so that a 429, a restarted server or a terminated
 * connection costs a delay instead of a failed run. Everything else is permanent and thrown at once.
 */
import "server-only";
import { redactSecrets } from "@/lib/server/security/redact";

/** What a model backend throws, so retries can be decided on `status`/`code` instead of message text. */
export class BackendError extends Error {
  /** HTTP status of the backend's answer, when there was one. */
  readonly status: number | undefined;
  /** A Node/undici error code (ECONNRESET, …) or "timeout". */
  readonly code: string | undefined;
  /** Which backend, for humans: "policy backend", "reflection backend". */
  readonly backend: string | undefined;
  /** The backend's Retry-After, in milliseconds, when it sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    options: {
      status?: number;
      code?: string;
      backend?: string;
      retryAfterMs?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "BackendError";
    this.status = options.status;
    this.code = options.code;
    this.backend = options.backend;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** A short human reason when the error is worth retrying, null when it is permanent. */
export type TransientClassifier = (error: unknown) => string | null;

export interface RetryClock {
  now(): number;
  /** Resolves after `ms`, rejects with the signal's reason when it is aborted first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface RetryOptions {
  /** Stops retrying (and waiting) at once; the abort reason is thrown. */
  signal?: AbortSignal;
  /** Called before each wait; `attempt` is the number of the attempt about to be made (2 for the first retry). */
  onRetry?: (reason: string, attempt: number, delayMs: number) => void | Promise<void>;
  /** Default: classifyBackendError. */
  classify?: TransientClassifier;
  /** Attempts in all, the first one included. Default 6. */
  maxAttempts?: number;
  /** No retry is scheduled that would start later than this after the first attempt. Default 120 s. */
  maxElapsedMs?: number;
  /** Cap of the backoff before jitter for the first retry; doubles each time. Default 500 ms. */
  baseDelayMs?: number;
  /** Cap of any single wait. Default 30 s. */
  maxDelayMs?: number;
  clock?: RetryClock;
  /** A number in [0, 1): the jitter. Injected in tests. */
  random?: () => number;
}

const TRANSIENT_NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The error and its causes, outermost first: fetch wraps the socket error that tells what happened. */
export function errorChain(error: unknown, depth = 6): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current = error;
  while (current !== null && typeof current === "object" && chain.length < depth) {
    chain.push(current as ErrorLike);
    current = (current as ErrorLike).cause;
  }
  return chain;
}

/**
 * One line for logs and for the run's error column. Prisma's messages open with an "Invalid
 * `prisma.x()` invocation:" preamble over several lines, which says nothing to a researcher. Credentials
 * a client echoed are masked (lib/server/security/redact.ts).
 */
export function errorMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : typeof error === "string" ? error : String(error);
  return redactSecrets(
    raw
      .replace(/^\s*Invalid `[^`]*` invocation:?/, "")
      .replace(/\s+/g, " ")
      .trim(),
  );
}

function describeBackendFault(error: unknown): string | null {
  if (error instanceof BackendError) {
    const from = error.backend ? ` from ${error.backend}` : "";
    if (error.status === 429 || (error.status !== undefined && error.status >= 500 && error.status < 600))
      return `${error.status}${from}`;
    if (error.code === "timeout") return `timeout${from}`;
    if (error.code !== undefined && TRANSIENT_NETWORK_CODES.has(error.code)) return `${error.code}${from}`;
    return null;
  }
  const e = error as ErrorLike;
  if (e.name === "TimeoutError") return "timeout";
  if (typeof e.code === "string" && TRANSIENT_NETWORK_CODES.has(e.code)) return e.code;
  return null;
}

/** Timeouts, refused/reset connections, 429 and 5xx are transient; anything else (400, 401, bugs) is not. */
export const classifyBackendError: TransientClassifier = (error) => {
  for (const link of errorChain(error)) {
    const reason = describeBackendFault(link);
    if (reason !== null) return reason;
    // A BackendError that is not transient is the backend's final word, whatever caused it.
    if (link instanceof BackendError) return null;
  }
  return null;
};

export function formatRetryDetail(reason: string, attempt: number): string {
  return `retrying: ${reason} (attempt ${attempt})`;
}

function retryAfterHint(error: unknown): number {
  for (const link of errorChain(error)) if (link instanceof BackendError) return link.retryAfterMs ?? 0;
  return 0;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export const systemClock: RetryClock = { now: () => Date.now(), sleep };

/** Full jitter (AWS architecture blog): a uniform wait in [0, min(cap, base·2^(n-1))). */
export function backoffDelay(
  retry: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number,
): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const {
    signal,
    onRetry,
    classify = classifyBackendError,
    maxAttempts = 6,
    maxElapsedMs = 120_000,
    baseDelayMs = 500,
    maxDelayMs = 30_000,
    clock = systemClock,
    random = Math.random,
  } = options;
  const started = clock.now();
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await fn(attempt);
    } catch (error) {
      // After an abort the failure is most likely the abort itself: never retry it.
      if (signal?.aborted) throw error;
      const reason = classify(error);
      if (reason === null || attempt >= maxAttempts) throw error;
      const hint = Math.min(retryAfterHint(error), maxDelayMs);
      const delayMs = Math.max(backoffDelay(attempt, baseDelayMs, maxDelayMs, random), hint);
      if (clock.now() - started + delayMs > maxElapsedMs) throw error;
      try {
        await onRetry?.(reason, attempt + 1, delayMs);
      } catch {
        // The callback only reports (a status line); its failure must not turn a retry into a failure.
      }
      await clock.sleep(delayMs, signal);
    }
  }
}

// ───────────────────────── database connection faults ─────────────────────────

/** SQLSTATEs after which the same statement can simply be sent again on a new connection. */
const TRANSIENT_SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300", "40001", "40P01"]);
/** Prisma's own codes for the same situations (unreachable, timed out, closed, pool exhausted, conflict). */
const TRANSIENT_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2034"]);
/** @prisma/adapter-pg's error kinds for connection faults. */
const TRANSIENT_ADAPTER_KINDS = new Set([
  "ConnectionClosed",
  "DatabaseNotReachable",
  "SocketTimeout",
  "TooManyConnections",
  "TransactionWriteConflict",
]);
const TRANSIENT_DB_MESSAGES =
  /connection terminated|terminating connection|server closed the connection|connection error|can't reach database|timeout exceeded when trying to connect|connection (is )?closed/i;

interface DbErrorLike {
  code?: unknown;
  originalCode?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: unknown;
  driverAdapterError?: unknown;
}

/** Prisma nests the driver's error under meta.driverAdapterError.cause; pg and Node nest under cause. */
function dbErrorParts(error: unknown): DbErrorLike[] {
  const parts: DbErrorLike[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && parts.length < 12) {
    const next = queue.shift();
    if (next === null || typeof next !== "object") continue;
    const part = next as DbErrorLike;
    parts.push(part);
    queue.push(part.cause, part.meta, part.driverAdapterError);
  }
  return parts;
}

function transientCode(part: DbErrorLike): string | null {
  for (const code of [part.originalCode, part.code])
    if (
      typeof code === "string" &&
      (TRANSIENT_SQLSTATES.has(code) ||
        code.startsWith("08") ||
        TRANSIENT_PRISMA_CODES.has(code) ||
        TRANSIENT_NETWORK_CODES.has(code))
    )
      return code;
  if (typeof part.kind === "string" && TRANSIENT_ADAPTER_KINDS.has(part.kind)) return part.kind;
  return null;
}

/**
 * Connection faults (a restarted server, pg_terminate_backend, a full pool) and serialization conflicts.
 * Only for statements that are safe to send twice, as the worker's lease queries are.
 */
export const classifyDbError: TransientClassifier = (error) => {
  const parts = dbErrorParts(error);
  // A code anywhere in the chain says more than the wording of the outermost message.
  for (const part of parts) {
    const code = transientCode(part);
    if (code !== null) return `database: ${code}`;
  }
  for (const part of parts)
    if (typeof part.message === "string" && TRANSIENT_DB_MESSAGES.test(part.message))
      return "database: connection lost";
  return null;
};
