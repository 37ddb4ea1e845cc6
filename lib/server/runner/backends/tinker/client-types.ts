/** The transport's types and small helpers (tinker-client.ts). */
import "server-only";
import type { z } from "zod";
import { errorChain, type RetryOptions } from "@/lib/server/runner/retry";
import type { AuthMode, ClientConfig } from "./client-auth";
import type { capabilitiesReplySchema } from "./protocol";

/**
 * A server that serves /client/config is one built for SDKs ≥ 0.2x, which send forward_backward only as
 * protobuf and refuse JSON sample/forward_backward results: it gets protobuf, zstd when its config asks.
 * A server without it (SkyRL, older ones) gets JSON, which they all read.
 */
export type WireFormat = "json" | "protobuf" | "protobuf+zstd";

export interface ServerInfo {
  config: ClientConfig | null;
  capabilities: z.infer<typeof capabilitiesReplySchema> | null;
  authMode: AuthMode;
  wireFormat: WireFormat;
  batchedPolls: boolean;
}

export const REQUEST_RETRY: Partial<RetryOptions> = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxElapsedMs: 20_000,
};

export interface RawReply {
  status: number;
  body: unknown;
  retryAfterMs: number | undefined;
}

export interface SendInit {
  signal?: AbortSignal;
  idempotencyKey?: string;
  /** A poll: our own timeout is the server's long poll running out, answered as its 408 would be. */
  timeoutIsPending?: boolean;
  /** The raw API key, not the JWT (the token exchange itself). */
  rawKey?: boolean;
  /** Ask for this reply format (protobuf for sample and forward_backward results). */
  accept?: string;
  /** A binary body's Content-Encoding (zstd). */
  contentEncoding?: string;
}

export function networkCode(error: unknown): string | undefined {
  for (const link of errorChain(error)) {
    if (link.name === "TimeoutError") return "timeout";
    if (typeof link.code === "string") return link.code;
  }
  return undefined;
}

export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

export function describeBody(body: unknown): string {
  if (body === null || body === undefined) return "";
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
