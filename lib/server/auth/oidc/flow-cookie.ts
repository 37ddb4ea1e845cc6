import "server-only";
/**
 * What a sign-in must remember between /api/auth/oidc/start and the provider's redirect back: the state,
 * the nonce, the PKCE verifier and the page to return to. Kept in the browser, sealed with the server's
 * secret key (AES-GCM: unreadable and tamper-evident), for ten minutes; httpOnly and SameSite=Lax, which
 * browsers still send on the provider's top-level redirect back to the callback.
 */
import { z } from "zod";
import { openSecret, sealSecret } from "@/lib/server/auth/secret-box";

export const OIDC_FLOW_COOKIE = "espl_oidc_flow";
const FLOW_TTL_MS = 10 * 60_000;
// Binds sealed values to this use: a value sealed for anything else does not open here.
const SEAL_CONTEXT = "oidc-flow";
const COOKIE_PATH = "/api/auth/oidc";

const flowSchema = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  verifier: z.string().min(1),
  next: z.string(),
  expiresAt: z.number(),
});

export type OidcFlow = Omit<z.output<typeof flowSchema>, "expiresAt">;

export function sealFlow(flow: OidcFlow, key: Buffer, now = Date.now()): string {
  return sealSecret(JSON.stringify({ ...flow, expiresAt: now + FLOW_TTL_MS }), key, SEAL_CONTEXT);
}

/** The flow, or null when the cookie is missing, altered, sealed under another key, or expired. */
export function openFlow(sealed: string | undefined, key: Buffer, now = Date.now()): OidcFlow | null {
  if (!sealed) return null;
  try {
    const parsed = flowSchema.safeParse(JSON.parse(openSecret(sealed, key, SEAL_CONTEXT)));
    if (!parsed.success || parsed.data.expiresAt <= now) return null;
    const { expiresAt: _expiresAt, ...flow } = parsed.data;
    return flow;
  } catch {
    return null;
  }
}

export function flowCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: "lax" as const, secure, path: COOKIE_PATH, maxAge: FLOW_TTL_MS / 1000 };
}

/** Deletes it with the same path it was set with (a cookie is only replaced under its own path). */
export const clearedFlowCookie = { name: OIDC_FLOW_COOKIE, path: COOKIE_PATH };
