import "server-only";
/**
 * The two single sign-on routes' work (app/api/auth/oidc/*): start sends the browser to the provider,
 * callback signs it in. Every failure ends on the sign-in page with a code the page turns into plain
 * words; the detail goes to the server log only.
 */
import { NextResponse, type NextRequest } from "next/server";
import { inviteTokenOfNextPath, type SsoErrorCode } from "@/lib/domain/auth/sso";
import { startSession } from "@/lib/server/auth/accounts/start-session";
import { getSecretKey } from "@/lib/server/auth/secret-box";
import { getPrisma } from "@/lib/server/db/client";
import type { ActionContext } from "@/lib/server/http/action-context";
import { readOidcConfig } from "./config";
import { clearedFlowCookie, flowCookieOptions, OIDC_FLOW_COOKIE, openFlow, sealFlow } from "./flow-cookie";
import { auditOidcSignIn, OidcLinkRefused, resolveOidcAccount } from "./link-account";
import { beginSignIn, finishSignIn, OidcFlowError } from "./provider-client";

export const OIDC_CALLBACK_PATH = "/api/auth/oidc/callback";

/** The origin the browser used (behind a proxy: its forwarded host and scheme), for redirects back to it. */
function publicOrigin(request: NextRequest): string {
  const proto = request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(/:$/, "");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? request.nextUrl.host;
  return `${proto}://${host}`;
}

const isHttps = (request: NextRequest) => publicOrigin(request).startsWith("https://");

function codeOf(error: unknown): SsoErrorCode {
  if (error instanceof OidcFlowError || error instanceof OidcLinkRefused) return error.code;
  return "failed";
}

function redirectToSignIn(request: NextRequest, code: SsoErrorCode, next: string): NextResponse {
  const url = new URL("/sign-in", publicOrigin(request));
  url.searchParams.set("sso_error", code);
  if (next !== "/") url.searchParams.set("next", next);
  const response = NextResponse.redirect(url, 303);
  response.cookies.delete(clearedFlowCookie);
  return response;
}

function backToSignIn(request: NextRequest, error: unknown, next: string): NextResponse {
  const code = codeOf(error);
  // Refusals are expected outcomes; the rest is worth an operator's look.
  if (!(error instanceof OidcLinkRefused)) console.error(`[espl] single sign-on: ${code}: ${String(error)}`);
  return redirectToSignIn(request, code, next);
}

export async function startOidcSignIn(request: NextRequest, next: string): Promise<Response> {
  const config = readOidcConfig();
  if (!config) return redirectToSignIn(request, "off", next);
  try {
    const { url, flow } = await beginSignIn(config, `${publicOrigin(request)}${OIDC_CALLBACK_PATH}`, next);
    const response = NextResponse.redirect(url, 303);
    response.cookies.set(
      OIDC_FLOW_COOKIE,
      sealFlow(flow, getSecretKey()),
      flowCookieOptions(isHttps(request)),
    );
    return response;
  } catch (error) {
    return backToSignIn(request, error, next);
  }
}

/** The session cookie goes onto the redirect itself: the request's own cookie jar is read-only here. */
function contextOf(request: NextRequest, response: NextResponse): ActionContext {
  return {
    // startSession marks the cookie Secure from this header.
    headers: new Headers({ "x-forwarded-proto": isHttps(request) ? "https" : "http" }),
    cookies: {
      get: (name) => request.cookies.get(name),
      set: (name, value, options) => void response.cookies.set(name, value, options),
      delete: (name) => void response.cookies.delete(name),
    },
  };
}

export async function finishOidcSignIn(request: NextRequest): Promise<Response> {
  const config = readOidcConfig();
  if (!config) return redirectToSignIn(request, "off", "/");
  let next = "/";
  try {
    const flow = openFlow(request.cookies.get(OIDC_FLOW_COOKIE)?.value, getSecretKey());
    if (!flow) throw new OidcFlowError("expired", "no sign-in in progress in this browser");
    next = flow.next;
    // As the browser requested it: the token request repeats this redirect_uri.
    const callbackUrl = new URL(`${OIDC_CALLBACK_PATH}${request.nextUrl.search}`, publicOrigin(request));
    const claims = await finishSignIn(config, callbackUrl, flow);
    const prisma = getPrisma();
    const { userId, outcome } = await resolveOidcAccount(prisma, claims, {
      invite: inviteTokenOfNextPath(flow.next),
    });
    await auditOidcSignIn(prisma, userId, claims.iss, outcome);
    const response = NextResponse.redirect(new URL(flow.next, publicOrigin(request)), 303);
    await startSession(prisma, contextOf(request, response), userId);
    response.cookies.delete(clearedFlowCookie);
    return response;
  } catch (error) {
    return backToSignIn(request, error, next);
  }
}
