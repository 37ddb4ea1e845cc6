/**
 * Calls a route handler module (app/**\/route.ts) the way Next would, through its real wrapper: a real
 * NextRequest with cookies, a share token (header or query parameter) and a body (raw or JSON). Event streams
 * are read up to their first chunk and then cancelled, since they never end by themselves.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { NextRequest } from "next/server";
import type { RouteHandler } from "@/lib/server/http/route";

export const TEST_HOST = "studio.test";
export const TEST_ORIGIN = `http://${TEST_HOST}`;

export interface RouteCall {
  path: string;
  params?: Record<string, string>;
  body?: unknown;
  cookie?: string;
  share?: { token: string; via: "header" | "query" };
  origin?: string;
  /** An API token, sent as `Authorization: Bearer …` with no Origin header, as the CLI sends it. */
  bearer?: string;
}

export async function callRouteHandler(
  file: string,
  method: string,
  call: RouteCall,
): Promise<{ status: number; text: string }> {
  const mod = (await import(/* @vite-ignore */ `@/${file}`)) as Record<string, RouteHandler>;
  const headers = new Headers({ host: TEST_HOST, origin: call.origin ?? TEST_ORIGIN });
  if (call.cookie) headers.set("cookie", call.cookie);
  if (call.bearer !== undefined) {
    headers.set("authorization", `Bearer ${call.bearer}`);
    headers.delete("origin");
  }
  const url = new URL(`${TEST_ORIGIN}${call.path}`);
  if (call.share?.via === "header") headers.set("x-share-token", call.share.token);
  if (call.share?.via === "query") url.searchParams.set("share", call.share.token);
  // Strings are raw uploads (archives, dataset files); anything else is a JSON body.
  const raw = typeof call.body === "string";
  if (call.body !== undefined)
    headers.set("content-type", raw ? "application/octet-stream" : "application/json");
  const request = new NextRequest(url, {
    method,
    headers,
    body: call.body === undefined ? undefined : raw ? (call.body as string) : JSON.stringify(call.body),
  });
  const response = await mod[method]!(request, { params: Promise.resolve(call.params ?? {}) });
  if (!response.headers.get("content-type")?.startsWith("text/event-stream"))
    return { status: response.status, text: await response.text() };
  const reader = response.body!.getReader();
  const first = await reader.read();
  await reader.cancel().catch(() => {});
  return { status: response.status, text: new TextDecoder().decode(first.value) };
}

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** Every route handler under `dir` as "app/…/route.ts METHOD", sorted: what the access tests must cover. */
export async function listRouteHandlers(dir = "app"): Promise<string[]> {
  const found: string[] = [];
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((p) => p.endsWith("route.ts"));
  for (const file of files.map((p) => join(dir, p))) {
    const mod = (await import(/* @vite-ignore */ `@/${file}`)) as Record<string, unknown>;
    for (const method of HTTP_METHODS) if (method in mod) found.push(`${file} ${method}`);
  }
  return found.sort();
}
