/** HTTP plumbing of the simulated Tinker server: bodies, request validation, replies, the listener. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { z } from "zod";
import {
  decodeForwardBackward,
  encodeForwardBackwardOutput,
  encodeSampleResponse,
  PROTOBUF,
  zstdDecompress,
} from "@/lib/server/runner/backends/tinker/proto-wire";
import { type PollReply, RequestError } from "./sim-futures";

/** A route's reply with a status other than 200. */
export class Reply {
  constructor(readonly poll: PollReply) {}
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A request body: JSON, or a protobuf forward_backward (zstd-compressed when Content-Encoding says so),
 * read back into its JSON shape, as SkyRL and the hosted service both accept.
 */
/** What went over the wire in protobuf, counted for tests. */
export interface WireStats {
  protobufBodies: number;
  zstdBodies: number;
  protobufResults: number;
}

export async function readBody(req: IncomingMessage, stats: WireStats): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let bytes: Uint8Array = Buffer.concat(chunks);
  if (req.headers["content-type"]?.includes(PROTOBUF)) {
    try {
      if (req.headers["content-encoding"] === "zstd") {
        bytes = await zstdDecompress(bytes);
        stats.zstdBodies += 1;
      }
      const body = decodeForwardBackward(bytes);
      stats.protobufBodies += 1;
      return body;
    } catch (error) {
      throw new RequestError(400, `the protobuf body cannot be read: ${(error as Error).message}`);
    }
  }
  const text = Buffer.from(bytes).toString("utf8");
  if (text.length === 0) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestError(400, "the body is not JSON");
  }
}

/** A sample or forward_backward result as protobuf, when the poll asked for it (SDK ≥ 0.18.1 does). */
export function protobufResult(req: IncomingMessage, body: unknown, stats: WireStats): Uint8Array | null {
  if (!req.headers.accept?.includes(PROTOBUF)) return null;
  const type = (body as { type?: unknown } | null)?.type;
  let bytes: Uint8Array | null = null;
  if (type === "sample") bytes = encodeSampleResponse(body as Parameters<typeof encodeSampleResponse>[0]);
  if (type === "forward_backward")
    bytes = encodeForwardBackwardOutput(body as Parameters<typeof encodeForwardBackwardOutput>[0]);
  if (bytes) stats.protobufResults += 1;
  return bytes;
}

export function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new RequestError(400, `invalid request: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`);
  }
  return result.data;
}

export async function listen(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  host: string,
  port: number,
): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: String(error), category: "server" }));
      }
    });
  });
  // Uvicorn's (SkyRL's) default. Node's client drops a pooled socket whose server advertises a keep-alive
  // timeout of 1 s or less (it keeps a 1 s margin), so the old 1 s here made every request a new connection.
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
