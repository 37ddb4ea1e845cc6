/**
 * The app's route handlers (app/api/**\/route.ts) behind a real node:http server, for tests of clients that
 * speak HTTP (the CLI over /api/v1) without building Next: each request becomes a NextRequest for the
 * handler whose folder pattern matches, through its real wrapper; the Response streams back as it comes.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { NextRequest } from "next/server";
import type { RouteHandler } from "@/lib/server/http/route";
import { listRouteHandlers } from "@/lib/server/auth/testing/call-route";

interface Mount {
  pattern: RegExp;
  params: string[];
  file: string;
}

function toMount(file: string): Mount {
  const segments = file
    .replace(/^app/, "")
    .replace(/\/route\.ts$/, "")
    .split("/")
    .filter(Boolean);
  const params: string[] = [];
  const source = segments.map((segment) => {
    const match = /^\[(\w+)\]$/.exec(segment);
    if (!match) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    params.push(match[1]!);
    return "([^/]+)";
  });
  return { pattern: new RegExp(`^/${source.join("/")}$`), params, file };
}

async function readBody(request: IncomingMessage): Promise<ArrayBuffer | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  const all = Buffer.concat(chunks);
  return all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
}

export async function startRouteServer(dir = "app/api"): Promise<{ url: string; close(): Promise<void> }> {
  const files = [...new Set((await listRouteHandlers(dir)).map((key) => key.split(" ")[0]!))];
  // Static folders first, so /runs/x/control never goes to a [param] folder of the same depth.
  const mounts = files.map(toMount).sort((a, b) => a.params.length - b.params.length);
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      const found = mounts.find((m) => m.pattern.test(url.pathname));
      const mod = found
        ? ((await import(/* @vite-ignore */ `@/${found.file}`)) as Record<string, RouteHandler>)
        : undefined;
      const handler = mod?.[req.method ?? "GET"];
      if (!found || !handler) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "not_found", message: "no such route" } }));
        return;
      }
      const values = found.pattern.exec(url.pathname)!.slice(1).map(decodeURIComponent);
      const params = Object.fromEntries(found.params.map((name, i) => [name, values[i]!]));
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers))
        if (typeof value === "string") headers.set(key, value);
      const request = new NextRequest(url, { method: req.method, headers, body: await readBody(req) });
      const response = await handler(request, { params: Promise.resolve(params) });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (!response.body) return void res.end();
      Readable.fromWeb(response.body as NodeReadableStream).pipe(res);
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
