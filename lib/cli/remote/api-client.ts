/**
 * The CLI's HTTP client for /api/v1: the token as `Authorization: Bearer`, JSON in and out, and the API's
 * one error shape turned into the CLI's one line and exit code (a refusal exits 2, an outage 1).
 */
import { CliError, EXIT } from "../cli-error";
import type { Remote } from "./cli-config";

interface ErrorBody {
  error?: { code?: string; message?: string; fields?: Record<string, string[]> };
}

function describeRefusal(status: number, body: ErrorBody, remote: Remote): CliError {
  const error = body.error ?? {};
  const fields = Object.entries(error.fields ?? {})
    .map(([key, messages]) => `${key}: ${messages.join(", ")}`)
    .join("; ");
  const message = [error.message ?? `HTTP ${status}`, fields].filter(Boolean).join(": ");
  if (status === 401)
    return new CliError(`refused by ${remote.url}: ${message} (espl login ${remote.url} with a new token)`);
  return new CliError(message, status >= 500 ? EXIT.failed : EXIT.refused);
}

export class ApiClient {
  constructor(
    readonly remote: Remote,
    private readonly signal?: AbortSignal,
  ) {}

  /** The raw response of a successful request; refusals and outages throw a CliError. */
  request(method: "GET" | "POST", path: string, body?: unknown): Promise<Response> {
    if (body === undefined) return this.send(method, path, {});
    return this.send(method, path, {
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  }

  /** POSTs a file as the raw request body (streamed, never held whole in memory). */
  upload<T>(path: string, file: ReadableStream<Uint8Array>): Promise<T> {
    return this.send("POST", path, {
      headers: { "content-type": "application/octet-stream" },
      body: file,
      duplex: "half",
    }).then((response) => response.json() as Promise<T>);
  }

  private async send(
    method: "GET" | "POST",
    path: string,
    init: { headers?: Record<string, string>; body?: BodyInit; duplex?: "half" },
  ): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${this.remote.url}${path}`, {
        ...init,
        method,
        headers: { authorization: `Bearer ${this.remote.token}`, ...init.headers },
        signal: this.signal,
      } as RequestInit);
    } catch (error) {
      if (this.signal?.aborted) throw new CliError("interrupted", EXIT.interrupted);
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new CliError(`cannot reach ${this.remote.url} (${cause})`, EXIT.failed);
    }
    if (response.ok) return response;
    const text = await response.text();
    let parsed: ErrorBody = {};
    try {
      parsed = JSON.parse(text) as ErrorBody;
    } catch {
      // Not our JSON (a proxy's page): the status alone.
    }
    throw describeRefusal(response.status, parsed, this.remote);
  }

  async json<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    return (await (await this.request(method, path, body)).json()) as T;
  }
}
