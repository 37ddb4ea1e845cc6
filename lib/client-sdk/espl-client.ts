/**
 * A small client for logging runs into E-SPL Studio from any Node script (Node 18+, global fetch; no
 * framework imports): create a run, log its steps one at a time, finish it; and read runs back (a run,
 * its steps, metric series, programs and lineage, the datasets). Requests carry an API token
 * (`Authorization: Bearer`). Steps, finishes and reads are idempotent on the server, so they are retried
 * on 429 and 5xx answers and on network errors, with exponential backoff (a 429's Retry-After is
 * honoured); creating a run is retried only where the server refused before doing anything (429, 503).
 * The answers' types are the API's zod contracts (types only: nothing is validated here).
 */
import type { z } from "zod";
import type {
  ExternalRunCreate,
  ExternalRunCreated,
  ExternalRunFinish,
  ExternalStep,
  ExternalStepOutcome,
} from "@/lib/domain/api-v1/external-run-schemas";
import type {
  datasetPageSchema,
  MetricSeries,
  programPageSchema,
  runLineageSchema,
  StepPage,
} from "@/lib/domain/api-v1/run-data-schemas";
import type { RunDetail } from "@/lib/domain/runs/run-detail";

export type { ExternalRunCreate, ExternalRunFinish, ExternalStep, ExternalStepOutcome };
export type { MetricSeries, RunDetail, StepPage };
export type DatasetPage = z.infer<typeof datasetPageSchema>;
export type ProgramPage = z.infer<typeof programPageSchema>;
export type RunLineage = z.infer<typeof runLineageSchema>;

/** A page of a cursor-paged list: pass `nextCursor` back as `cursor`; null on the last page. */
export interface PageQuery {
  cursor?: string;
  /** Rows per page, 1 to 100 (the server's default: 50). */
  limit?: number;
}

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

  private post<T>(path: string, body: unknown, retryable: (status: number) => boolean): Promise<T> {
    return this.send("POST", path, JSON.stringify(body), retryable);
  }

  /** A read; undefined query values are left out, arrays are sent comma-separated. */
  private get<T>(
    path: string,
    query: Record<string, string | number | string[] | undefined> = {},
  ): Promise<T> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query))
      if (value !== undefined) params.set(name, Array.isArray(value) ? value.join(",") : String(value));
    const search = params.toString();
    return this.send("GET", search ? `${path}?${search}` : path, undefined, isTransient);
  }

  private async send<T>(
    method: "GET" | "POST",
    path: string,
    payload: string | undefined,
    retryable: (status: number) => boolean,
  ): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.token}` };
    if (payload !== undefined) headers["content-type"] = "application/json";
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetchImpl(`${this.url}${path}`, { method, headers, body: payload });
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

  /** One run: status, progress (currentStep of totalSteps), best results and error. */
  getRun(runId: string): Promise<RunDetail> {
    return this.get(`/api/v1/runs/${encodeURIComponent(runId)}`);
  }

  /** A run's steps in order with their metrics (null where a step recorded none); `keys` narrows them. */
  listSteps(runId: string, query: PageQuery & { keys?: string[] } = {}): Promise<StepPage> {
    return this.get(`/api/v1/runs/${encodeURIComponent(runId)}/steps`, { ...query });
  }

  /** The named metrics' series, per step, or downsampled to about `points` buckets (min, max, last). */
  getMetrics(runId: string, query: { keys: string[]; points?: number }): Promise<MetricSeries> {
    return this.get(`/api/v1/runs/${encodeURIComponent(runId)}/metrics`, { ...query });
  }

  /** A run's programs by pool id: principles, rating, origin and parents. */
  listPrograms(runId: string, query: PageQuery = {}): Promise<ProgramPage> {
    return this.get(`/api/v1/runs/${encodeURIComponent(runId)}/programs`, { ...query });
  }

  /** The run's lineage graph: program summaries and parent → child edges. */
  getLineage(runId: string): Promise<RunLineage> {
    return this.get(`/api/v1/runs/${encodeURIComponent(runId)}/lineage`);
  }

  /** Datasets of the token's projects (or of one), newest first. */
  listDatasets(query: PageQuery & { projectId?: string } = {}): Promise<DatasetPage> {
    return this.get("/api/v1/datasets", { ...query });
  }
}

/**
 * Every row of a cursor-paged list, page after page:
 * `for await (const step of allRows((cursor) => espl.listSteps(runId, { cursor }))) …`
 */
export async function* allRows<R>(
  readPage: (cursor: string | undefined) => Promise<{ rows: R[]; nextCursor: string | null }>,
): AsyncGenerator<R> {
  let cursor: string | undefined;
  do {
    const page = await readPage(cursor);
    yield* page.rows;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

/** 0 stands for a network error. */
const isTransient = (status: number) => status === 0 || status === 429 || status >= 500;
