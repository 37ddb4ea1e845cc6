import "server-only";
/**
 * Calls a better-auth endpoint from a server action as an HTTP request through its own handler, so what
 * better-auth does on the wire happens here too (its rate limit above all), and copies the cookies
 * it sets into the action's response. Its refusals become our typed errors, in plain words.
 */
import { parseSetCookieHeader } from "better-auth/cookies";
import { z } from "zod";
import {
  badRequest,
  conflict,
  forbidden,
  notFound,
  rateLimited,
  unauthenticated,
  unavailable,
  type AppError,
} from "@/lib/domain/errors";
import type { ActionContext } from "@/lib/server/http/action-context";
import { clientIp, publicOriginOf } from "@/lib/server/http/same-origin";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { authFor } from "./auth";
import { SESSION_COOKIE, sessionCookieHeader } from "./session-cookie";

/** What better-auth answers when it refuses; anything else reads as no code and no message. */
const refusalSchema = z
  .looseObject({ code: z.string().optional(), message: z.string().optional() })
  .catch({});

/** An invitation that cannot be accepted (any more), in one set of words wherever that is found out. */
export const invitationGone = () => notFound("invitation (it may have expired, been used or been cancelled)");

// better-auth's codes that a user can meet here, in the product's words.
const PLAIN_WORDS: Record<string, () => AppError> = {
  INVALID_EMAIL_OR_PASSWORD: () => unauthenticated("wrong email or password"),
  USER_ALREADY_EXISTS: () => conflict("an account with this email already exists; sign in instead"),
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: () =>
    conflict("an account with this email already exists; sign in instead"),
  USER_IS_ALREADY_A_MEMBER_OF_THIS_ORGANIZATION: () =>
    conflict("this person is already a member of the project"),
  USER_IS_ALREADY_INVITED_TO_THIS_ORGANIZATION: () => conflict("this address is already invited"),
  YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION: () =>
    forbidden("this invitation is for another email address: sign in with the invited address"),
  INVITATION_NOT_FOUND: invitationGone,
  MEMBER_NOT_FOUND: () => notFound("member"),
};

function toAppError(status: number, body: unknown): AppError {
  const { code, message } = refusalSchema.parse(body);
  const text = message ?? "";
  if (status === 429) return rateLimited("too many attempts from this address; try again in a minute");
  if (code && Object.hasOwn(PLAIN_WORDS, code)) return PLAIN_WORDS[code]!();
  if (status === 401) return unauthenticated();
  if (code === "PASSWORD_TOO_SHORT" || code === "PASSWORD_TOO_LONG" || code === "INVALID_EMAIL")
    return badRequest(text.toLowerCase() || "check the form");
  if (status === 403) return forbidden(text || undefined);
  if (status === 404) return notFound(text.toLowerCase() || "it");
  return unavailable("that did not work this time; please try again");
}

function copyCookies(response: Response, context: ActionContext, secure: boolean) {
  const set = parseSetCookieHeader(response.headers.getSetCookie().join(", "));
  for (const [name, cookie] of set) {
    context.cookies.set(name, cookie.value, {
      httpOnly: cookie.httponly ?? false,
      sameSite: "lax",
      secure,
      path: cookie.path ?? "/",
      ...(cookie["max-age"] !== undefined ? { maxAge: cookie["max-age"] } : {}),
    });
  }
  return set;
}

/** The caller's session as a cookie header, for better-auth's server-side API (auth.api.*). */
export function sessionHeaders(context: ActionContext): Headers {
  const session = context.cookies.get(SESSION_COOKIE)?.value;
  const headers = new Headers({ "x-forwarded-for": clientIp(context.headers) });
  if (session) headers.set("cookie", sessionCookieHeader(session));
  return headers;
}

function isAuthRefusal(error: unknown): error is { statusCode: number; body?: unknown } {
  return error instanceof Error && error.name === "APIError" && "statusCode" in error;
}

/** Runs a better-auth API call; its refusal becomes our typed error. */
export async function runAuthApi<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isAuthRefusal(error)) throw toAppError(error.statusCode, error.body);
    throw error;
  }
}

/**
 * POSTs `body` to better-auth's `path` as the action's caller; returns the endpoint's JSON answer and the
 * session cookie it set, if any (so the same action can go on as the newly signed-in user).
 */
export async function callAuth(
  prisma: PrismaClient,
  context: ActionContext,
  path: string,
  body: unknown,
): Promise<{ answer: unknown; sessionCookie: string | undefined }> {
  const origin = publicOriginOf(context.headers);
  const url = new URL(origin);
  // No Origin header: the action's wrapper has already refused a cross-origin request (isSameOrigin),
  // and this inner request never left the server.
  const headers = sessionHeaders(context);
  headers.set("content-type", "application/json");
  // better-auth resolves its own URL (and so the origins it trusts) from these.
  headers.set("x-forwarded-host", url.host);
  headers.set("x-forwarded-proto", url.protocol.replace(/:$/, ""));
  const userAgent = context.headers.get("user-agent");
  if (userAgent) headers.set("user-agent", userAgent);
  const response = await authFor(prisma).handler(
    new Request(`${origin}/api/auth${path}`, { method: "POST", headers, body: JSON.stringify(body) }),
  );
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) throw toAppError(response.status, answer);
  const set = copyCookies(response, context, origin.startsWith("https://"));
  return { answer, sessionCookie: set.get(SESSION_COOKIE)?.value || undefined };
}
