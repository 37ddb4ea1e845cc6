/**
 * Calls an /api/v1 route handler as a script would: `Authorization: Bearer` with an API token, no Origin,
 * and a raw body (an archive or a dataset file) or none. Answers the status and the parsed JSON.
 */
import { NextRequest } from "next/server";
import type { RouteHandler } from "@/lib/server/http/route";

export async function callApiV1(
  file: string,
  method: "GET" | "POST",
  call: { path: string; token: string; params?: Record<string, string>; body?: BodyInit },
): Promise<{ status: number; json: Record<string, unknown> }> {
  const mod = (await import(/* @vite-ignore */ `@/${file}`)) as Record<string, RouteHandler>;
  const request = new NextRequest(`http://studio.test${call.path}`, {
    method,
    headers: {
      host: "studio.test",
      authorization: `Bearer ${call.token}`,
      ...(call.body === undefined ? {} : { "content-type": "application/octet-stream" }),
    },
    // A stream body needs duplex "half" (fetch's rule); NextRequest's init type does not list it.
    ...(call.body === undefined ? {} : { body: call.body, duplex: "half" }),
  } as ConstructorParameters<typeof NextRequest>[1]);
  const response = await mod[method]!(request, { params: Promise.resolve(call.params ?? {}) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}
