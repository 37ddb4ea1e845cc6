/**
 * Single sign-on (OpenID Connect) contracts shared by the routes, the sign-in page and the tests: where a
 * sign-in may return to, the claims an identity provider must send, and the plain-words outcomes.
 */
import { z } from "zod";
import { emailSchema } from "@/lib/domain/accounts/schemas";

const MAX_NEXT_LENGTH = 2000;
const ORIGIN_PROBE = "http://next-path.invalid";

/**
 * The page to open after signing in: a path on this site ("/runs?x=1"), else "/". Anything that could
 * leave the site is refused: "//host", "/\host" (browsers read the backslash as a slash), absolute URLs,
 * control characters.
 */
export function toSafeNextPath(raw: unknown): string {
  if (typeof raw !== "string" || raw.length > MAX_NEXT_LENGTH) return "/";
  if (!raw.startsWith("/") || raw.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(raw)) return "/";
  try {
    const url = new URL(raw, ORIGIN_PROBE);
    return url.origin === ORIGIN_PROBE ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}

/** GET /api/auth/oidc/start: `next`, the page to return to (cleaned, never refused: "/" instead). */
export const oidcStartQuerySchema = z.object({
  next: z.string().optional().transform(toSafeNextPath),
});

/**
 * GET /api/auth/oidc/callback: the provider's answer. All optional on purpose: whatever is missing ends
 * on the sign-in page with a message (openid-client then checks the answer as a whole).
 */
export const oidcCallbackQuerySchema = z.looseObject({
  code: z.string().optional(),
  state: z.string().optional(),
  error: z.string().optional(),
});

const INVITE_PATH = /^\/invite\/([A-Za-z0-9_-]{1,100})$/;

/** The invitation token when the sign-in started from an invitation link, so a new account joins it. */
export function inviteTokenOfNextPath(next: string): string | undefined {
  return INVITE_PATH.exec(next)?.[1];
}

/** The claims read from the ID token (and the userinfo endpoint where the token lacks them). */
export const oidcClaimsSchema = z.object({
  iss: z.string().min(1),
  sub: z.string().min(1).max(255),
  email: emailSchema.optional(),
  // Strictly the boolean true: a missing claim, "true" as a string or false all leave the email unverified.
  email_verified: z
    .unknown()
    .optional()
    .transform((value) => value === true),
  // A display name only: cut rather than refused.
  name: z
    .string()
    .optional()
    .transform((value) => value?.trim().slice(0, 100) || undefined),
});

export type OidcClaims = z.output<typeof oidcClaimsSchema>;

/** Why a single sign-on ended back on the sign-in page; the page shows the message, never error text. */
export const SSO_ERROR_MESSAGES = {
  off: "Single sign-on is not set up on this server. Sign in with your email and password.",
  denied: "The sign-in was cancelled at your identity provider. Try again, or sign in with your password.",
  expired: "The sign-in took too long or was started in another window. Please try again.",
  unverified:
    "Your identity provider has not verified your email address, so it cannot sign you in here. Verify it with your provider, then try again.",
  no_email: "Your identity provider did not share an email address, so it cannot sign you in here.",
  other_identity:
    "This email is already linked to a different account at your identity provider, so this sign-in was refused. Ask an administrator.",
  no_account:
    "There is no account for this email yet, and sign-up is by invitation: ask a project owner for an invitation link.",
  unavailable:
    "The identity provider could not be reached. Try again later, or sign in with your email and password.",
  failed: "Single sign-on did not work this time. Please try again.",
} as const;

export type SsoErrorCode = keyof typeof SSO_ERROR_MESSAGES;

/** The message for a code from the query string; unknown codes show nothing rather than the raw text. */
export function describeSsoError(code: unknown): string | undefined {
  return typeof code === "string" && Object.hasOwn(SSO_ERROR_MESSAGES, code)
    ? SSO_ERROR_MESSAGES[code as SsoErrorCode]
    : undefined;
}
