/**
 * The one wrapper every route handler goes through: it validates the query string and JSON body with
 * the route's zod schemas and maps typed errors to statuses (lib/http/status.ts). Access rules plug in
 * through `access`; "public" routes (health, share-link resolution) say so explicitly.
 */
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { badRequest } from "@/lib/errors";
import { toErrorResponse } from "./status";

export type RouteAccess = "public";

interface RouteSpec<Q extends z.ZodType, B extends z.ZodType> {
  access: RouteAccess;
  query?: Q;
  body?: B;
}

interface RouteInput<Q, B, P> {
  request: NextRequest;
  query: Q;
  body: B;
  params: P;
}

export function zodFields(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(`invalid ${what}`, zodFields(result.error));
  return result.data;
}

export function defineRoute<
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
  P = Record<string, string>,
>(spec: RouteSpec<Q, B>, handler: (input: RouteInput<z.infer<Q>, z.infer<B>, P>) => Promise<unknown>) {
  return async (request: NextRequest, context: { params: Promise<P> }) => {
    try {
      const query = spec.query
        ? parseWith(spec.query, Object.fromEntries(request.nextUrl.searchParams), "query")
        : undefined;
      let body: unknown;
      if (spec.body) {
        let raw: unknown;
        try {
          raw = await request.json();
        } catch {
          throw badRequest("the request body is not valid JSON");
        }
        body = parseWith(spec.body, raw, "body");
      }
      const params = await context.params;
      const result = await handler({ request, query, body, params } as RouteInput<z.infer<Q>, z.infer<B>, P>);
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      const { status, body } = toErrorResponse(error);
      return NextResponse.json(body, { status });
    }
  };
}
