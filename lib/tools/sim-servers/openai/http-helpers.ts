/** HTTP plumbing of the simulated OpenAI-compatible server: bodies, OpenAI-style errors, small helpers. */
import type http from "node:http";
import type { z } from "zod";
import type { Completion } from "@/lib/espl/ports";

const MAX_BODY_BYTES = 8 * 1024 * 1024;

export class HttpFault extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type = "invalid_request_error",
  ) {
    super(message);
  }
}

export function readBody(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new HttpFault(413, "request body too large"));
      else chunks.push(chunk);
    });
    req.on("end", () => {
      try {
        resolve(chunks.length === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch {
        reject(new HttpFault(400, "the request body is not valid JSON"));
      }
    });
    req.on("error", reject);
  });
}

export function parseRequest<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new HttpFault(400, `${issue.path.join(".") || "body"}: ${issue.message}`);
  }
  return parsed.data;
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

export function sendError(
  res: http.ServerResponse,
  status: number,
  message: string,
  type: string,
  headers = {},
) {
  sendJson(res, status, { error: { message, type, param: null, code: null } }, headers);
}

export function cutAtStop(
  text: string,
  stop: string | string[] | null | undefined,
): { text: string; stopped: boolean } {
  const stops = stop === null || stop === undefined ? [] : Array.isArray(stop) ? stop : [stop];
  let end = -1;
  for (const s of stops) {
    const at = s === "" ? -1 : text.indexOf(s);
    if (at >= 0 && (end < 0 || at < end)) end = at;
  }
  return end < 0 ? { text, stopped: false } : { text: text.slice(0, end), stopped: true };
}

/** Rough size of a text in tokens, for reflection usage (the simulator has no tokenizer of its own). */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export function finishReason(c: Completion, maxTokens: number, stopped: boolean): string {
  return stopped || (c.tokens?.length ?? 0) < maxTokens ? "stop" : "length";
}
