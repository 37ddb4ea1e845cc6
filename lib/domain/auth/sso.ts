/**
 * Single sign-on (OpenID Connect) contracts shared by the routes, the sign-in page and the tests: where a
 * sign-in may return to, the callback's query, and the plain-words outcomes.
 */
import { z } from "zod";
import { toSafeNextPath } from "./safe-next-path";

export { toSafeNextPath };

/** GET /api/auth/oidc/start: `next`, the page to return to (cleaned, never refused: "/" instead). */
export const oidcStartQuerySchema = z.object({
  next: z.string().optional().transform(toSafeNextPath),
});

/**
 * GET /api/auth/callback/oidc: the provider's answer. All optional on purpose: whatever is missing ends
 * on the sign-in page with a message (better-auth then checks the answer as a whole).
 */
export const oidcCallbackQuerySchema = z.looseObject({
  code: z.string().optional(),
  state: z.string().optional(),
  error: z.string().optional(),
});

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
    "There is no account for this email yet, and sign-up is by invitation: ask a project owner to invite your email address.",
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
