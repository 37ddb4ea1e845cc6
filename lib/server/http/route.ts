/**
 * The one wrapper every route handler goes through: it resolves and authorizes the caller for the
 * route's `access` rule (lib/server/auth/access.ts), refuses cross-origin state-changing requests, validates
 * the query string and JSON body with the route's zod schemas, and maps typed errors to statuses
 * (lib/server/http/status.ts). The handler gets a typed `caller` and the `scope` its data queries must use.
 *
 * Share-link holders authenticate with the `x-share-token` header or a `share` query parameter
 * (EventSource cannot set headers); only "share-or-member" routes accept them.
 */
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { authorize, type Access, type Credentials, type GrantFor } from "@/lib/server/auth/access";
import { SESSION_COOKIE } from "@/lib/server/auth/better-auth/session-cookie";
import { getPrisma } from "@/lib/server/db/client";
import { badRequest, forbidden } from "@/lib/domain/errors";
import { isSameOrigin } from "./same-origin";
import { toErrorResponse } from "./status";

export interface RouteParsed<Q, B, P> {
  query: Q;
  body: B;
  params: P;
}

interface RouteSpec<Q extends z.ZodType, B extends z.ZodType, P, A> {
  access: A & Access<RouteParsed<z.infer<Q>, z.infer<B>, P>>;
  query?: Q;
  body?: B;
}

export type RouteInput<Q, B, P, A> = RouteParsed<Q, B, P> & GrantFor<A> & { request: NextRequest };

/**
 * Metadata the tests read: every exported handler carries its rule (the authorization matrix) and the
 * schemas it validates with (the /api/v1 catalogue must name the same objects: lib/server/api-v1).
 */
export interface RouteHandler {
  (request: NextRequest, context: { params: Promise<unknown> }): Promise<Response>;
  access: Access<never>;
  query?: z.ZodType;
  body?: z.ZodType;
}

export function zodFields(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(`invalid ${what}`, zodFields(result.error));
  return result.data;
}

const INVALID_JSON = Symbol("invalid JSON");

async function readJson(request: NextRequest): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    return INVALID_JSON;
  }
}

function unwrapJson(raw: unknown): unknown {
  if (raw === INVALID_JSON) throw badRequest("the request body is not valid JSON");
  return raw;
}

/** The API token of an `Authorization: Bearer …` header, if the request sends one. */
export function readBearerToken(headers: Headers): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  return match?.[1];
}

/**
 * The credentials a request carries: the session cookie, for share-link holders the share token, and for
 * scripts and the CLI an API token (which, when sent, is the only one read: lib/server/auth/access.ts).
 */
export function readCredentials(request: NextRequest): Credentials {
  const bearer = readBearerToken(request.headers);
  return {
    sessionToken: request.cookies.get(SESSION_COOKIE)?.value,
    shareToken:
      request.headers.get("x-share-token") ?? request.nextUrl.searchParams.get("share") ?? undefined,
    bearer:
      bearer === undefined
        ? undefined
        : { token: bearer, use: { method: request.method, path: request.nextUrl.pathname } },
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function defineRoute<
  A,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
  P = Record<string, string>,
>(
  spec: RouteSpec<Q, B, P, A>,
  handler: (input: RouteInput<z.infer<Q>, z.infer<B>, P, A>) => Promise<unknown>,
): RouteHandler {
  const route = async (request: NextRequest, context: { params: Promise<unknown> }) => {
    try {
      // A bearer token is never sent by a browser on its own, so it needs no CSRF defence (and the CLI
      // sends no Origin); the cookie is then ignored (lib/server/auth/access.ts).
      const credentials = readCredentials(request);
      if (!credentials.bearer && !SAFE_METHODS.has(request.method) && !isSameOrigin(request.headers))
        throw forbidden("cross-origin request refused");
      const params = (await context.params) as P;
      let parsed: RouteParsed<z.infer<Q>, z.infer<B>, P> | undefined;
      // The JSON body can be read once; the input is parsed after authentication (see authorize).
      const rawBody = spec.body ? await readJson(request) : undefined;
      const readInput = () =>
        (parsed ??= {
          query: spec.query
            ? parseWith(spec.query, Object.fromEntries(request.nextUrl.searchParams), "query")
            : undefined,
          body: spec.body ? parseWith(spec.body, unwrapJson(rawBody), "body") : undefined,
          params,
        } as RouteParsed<z.infer<Q>, z.infer<B>, P>);
      const grant = await authorize(getPrisma(), spec.access, credentials, readInput);
      const result = await handler({ request, ...readInput(), ...grant } as RouteInput<
        z.infer<Q>,
        z.infer<B>,
        P,
        A
      >);
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      const { status, body } = toErrorResponse(error);
      return NextResponse.json(body, { status });
    }
  };
  return Object.assign(route, { access: spec.access as Access<never>, query: spec.query, body: spec.body });
}
