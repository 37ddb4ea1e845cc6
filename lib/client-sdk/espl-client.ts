/**
 * A small client for logging runs into E-SPL Studio from any Node script (Node 18+, global fetch; no
 * framework imports): create a run, log its steps one at a time, finish it. Requests carry an API token
 * (`Authorization: Bearer`). Steps and finishes are idempotent on the server, so they are retried on
 * 429 and 5xx answers and on network errors, with exponential backoff (a 429's Retry-After is honoured);
 * creating a run is retried only where the server refused before doing anything (429, 503).
 */
import type {
  ExternalRunCreate,
  ExternalRunCreated,
  ExternalRunFinish,
  ExternalStep,
  ExternalStepOutcome,
} from "@/lib/domain/api-v1/external-run-schemas";

export type { ExternalRunCreate, ExternalRunFinish, ExternalStep, ExternalStepOutcome };

export interface EsplClientOptions {
  /** The server, e.g. https://espl.example.org (ESPL_URL). */
  url: string;
  /** An editor's API token (ESPL_TOKEN). */
  token: string;
  /** Tries per request, the first included. Default 5. */
  maxAttempts?: number;
  /** The first backoff; doubled each retry, with jitter. Default 250 ms. */
  backoffMs?: number;
  fetch?: typeof fetch;
}

/** A refusal or an outage, with the API's stable error code when it sent one. */
export class EsplApiError extends Error {
  override name = "EsplApiError";
  constructor(
    message: string,
    readonly status: number | null,
    readonly code: string | null,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; fields?: Record<string, string[]> };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function toApiError(response: Response): Promise<EsplApiError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // Not the API's JSON (a proxy's page): the status alone.
  }
  const error = body.error ?? {};
  return new EsplApiError(
    error.message ?? `HTTP ${response.status}`,
    response.status,
    error.code ?? null,
    error.fields ?? {},
  );
}

export class EsplClient {
  private readonly url: string;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: EsplClientOptions) {
    this.url = options.url.replace(/\/+$/, "");
    this.maxAttempts = options.maxAttempts ?? 5;
    this.backoffMs = options.backoffMs ?? 250;
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** A client from ESPL_URL and ESPL_TOKEN. */
  static fromEnv(env: Record<string, string | undefined> = process.env): EsplClient {
    if (!env.ESPL_URL || !env.ESPL_TOKEN) throw new Error("set ESPL_URL and ESPL_TOKEN");
    return new EsplClient({ url: env.ESPL_URL, token: env.ESPL_TOKEN });
  }

  private async post<T>(path: string, body: unknown, retryable: (status: number) => boolean): Promise<T> {
    const payload = JSON.stringify(body);
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetchImpl(`${this.url}${path}`, {
          method: "POST",
          headers: { authorization: `Bearer ${this.options.token}`, "content-type": "application/json" },
          body: payload,
        });
      } catch (error) {
        // Only idempotent calls are retried after a network error: the request may have been served.
        if (attempt >= this.maxAttempts || !retryable(0))
          throw new EsplApiError(`cannot reach ${this.url}: ${(error as Error).message}`, null, null);
        await sleep(this.delay(attempt, null));
        continue;
      }
      if (response.ok) return (await response.json()) as T;
      if (attempt >= this.maxAttempts || !retryable(response.status)) throw await toApiError(response);
      await response.body?.cancel();
      await sleep(this.delay(attempt, response.headers.get("retry-after")));
    }
  }

  private delay(attempt: number, retryAfter: string | null): number {
    const asked = retryAfter === null ? NaN : Number(retryAfter) * 1000;
    if (Number.isFinite(asked) && asked >= 0) return asked;
    const base = this.backoffMs * 2 ** (attempt - 1);
    return base + Math.random() * base * 0.5;
  }

  /** A run that shows in the dashboard at once, as imported, and runs nowhere but in your script. */
  createRun(input: ExternalRunCreate): Promise<ExternalRunCreated> {
    return this.post("/api/v1/external-runs", input, (status) => status === 429 || status === 503);
  }

  /** One step; sending a step number again is harmless (the server answers outcome "already"). */
  logStep(runId: string, step: ExternalStep): Promise<ExternalStepOutcome> {
    return this.post(`/api/v1/external-runs/${runId}/steps`, step, isTransient);
  }

  finish(
    runId: string,
    input: ExternalRunFinish = { status: "completed" },
  ): Promise<{ id: string; status: string }> {
    return this.post(`/api/v1/external-runs/${runId}/finish`, input, isTransient);
  }
}

/** 0 stands for a network error. */
const isTransient = (status: number) => status === 0 || status === 429 || status >= 500;
