import "server-only";
/**
 * The two single sign-on routes, over better-auth's generic OAuth plugin (a provider like its social ones): start sends the browser to the
 * provider (app/api/auth/oidc/start), the callback (app/api/auth/callback/oidc, the redirect URI
 * to register with the provider) lets better-auth finish and sign the browser in. Every failure ends on
 * the sign-in page with a code the page turns into plain words; the detail goes to the server log only.
 */
import { NextResponse, type NextRequest } from "next/server";
import type { SsoErrorCode } from "@/lib/domain/auth/sso";
import { getAuth, OIDC_PROVIDER_ID } from "@/lib/server/auth/better-auth/auth";
import { publicOriginOf } from "@/lib/server/http/same-origin";
import { readOidcConfig } from "./config";

export const OIDC_CALLBACK_PATH = `/api/auth/callback/${OIDC_PROVIDER_ID}`;

// better-auth's redirect codes (and the provider's own, passed on) in the sign-in page's terms; our gate's
// codes (lib/server/auth/better-auth/identity-gate.ts) are the page's already.
const CODES: Record<string, SsoErrorCode> = {
  access_denied: "denied",
  unverified: "unverified",
  no_email: "no_email",
  email_not_found: "no_email",
  no_account: "no_account",
  signup_disabled: "no_account",
  other_identity: "other_identity",
  account_not_linked: "unverified",
  email_not_verified: "unverified",
  state_mismatch: "expired",
  state_security_mismatch: "expired",
  please_restart_the_process: "expired",
  no_code: "expired",
};

export function toSsoErrorCode(raw: string | null): SsoErrorCode {
  return (raw && Object.hasOwn(CODES, raw) ? CODES[raw] : undefined) ?? "failed";
}

function signInPage(request: NextRequest, code: SsoErrorCode, next: string): URL {
  const url = new URL("/sign-in", publicOriginOf(request.headers));
  url.searchParams.set("sso_error", code);
  if (next !== "/") url.searchParams.set("next", next);
  return url;
}

const isHttps = (request: NextRequest) => publicOriginOf(request.headers).startsWith("https://");

/** A redirect carrying better-auth's cookies; marked Secure when the browser came over HTTPS. */
function redirectWithCookies(location: URL | string, from: Response, secure: boolean): NextResponse {
  const response = NextResponse.redirect(location, 303);
  for (const cookie of from.headers.getSetCookie())
    response.headers.append(
      "set-cookie",
      secure && !/;\s*secure/i.test(cookie) ? `${cookie}; Secure` : cookie,
    );
  return response;
}

export async function startOidcSignIn(request: NextRequest, next: string): Promise<Response> {
  if (!readOidcConfig()) return NextResponse.redirect(signInPage(request, "off", next), 303);
  try {
    const answer = await getAuth().api.signInSocial({
      body: {
        provider: OIDC_PROVIDER_ID,
        callbackURL: next,
        // The callback route reads `error` off this and turns it into the page's code.
        errorCallbackURL: `/sign-in?next=${encodeURIComponent(next)}`,
      },
      headers: request.headers,
      asResponse: true,
    });
    const { url } = (await answer.clone().json()) as { url?: string };
    if (!answer.ok || !url) throw new Error(`sign-in could not start (status ${answer.status})`);
    return redirectWithCookies(url, answer, isHttps(request));
  } catch (error) {
    // Mostly the provider's discovery document could not be fetched.
    console.error(`[espl] single sign-on: unavailable: ${String(error)}`);
    return NextResponse.redirect(signInPage(request, "unavailable", next), 303);
  }
}

export async function finishOidcSignIn(request: NextRequest): Promise<Response> {
  if (!readOidcConfig()) return NextResponse.redirect(signInPage(request, "off", "/"), 303);
  const answer = await getAuth().handler(request);
  const location = answer.headers.get("location");
  if (!location) {
    console.error(`[espl] single sign-on: the callback answered ${answer.status} without a redirect`);
    return NextResponse.redirect(signInPage(request, "failed", "/"), 303);
  }
  const target = new URL(location, publicOriginOf(request.headers));
  const error = target.searchParams.get("error");
  if (error === null) return redirectWithCookies(target, answer, isHttps(request));
  const code = toSsoErrorCode(error);
  if (code === "failed" || code === "expired")
    console.error(`[espl] single sign-on: ${error}: ${target.searchParams.get("error_description") ?? ""}`);
  const next = target.pathname === "/sign-in" ? (target.searchParams.get("next") ?? "/") : "/";
  return redirectWithCookies(signInPage(request, code, next), answer, isHttps(request));
}
