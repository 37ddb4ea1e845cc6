/**
 * better-auth's session cookie: its name here, and the signed form it carries (`<token>.<HMAC-SHA256 of the
 * token, base64>`, URL-encoded), for the places that mint a session without a sign-in: the tests'
 * fixtures. No "server-only": the e2e helpers run in plain Node.
 */
import { createHmac, randomBytes } from "node:crypto";

export const SESSION_COOKIE = "espl.session_token";
export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;

/** A token in better-auth's own shape (32 letters and digits). */
export function generateSessionToken(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  return Array.from(randomBytes(32), (byte) => alphabet[byte % alphabet.length]).join("");
}

export function signSessionToken(token: string, secret: string): string {
  const signature = createHmac("sha256", secret).update(token).digest("base64");
  return encodeURIComponent(`${token}.${signature}`);
}

/**
 * The Cookie header that carries a session cookie's value to better-auth: the value as a request's cookie
 * jar gives it (decoded), or still URL-encoded as a raw header has it (a signed value never holds "%").
 */
export function sessionCookieHeader(value: string): string {
  const signed = value.includes("%") ? decodeURIComponent(value) : value;
  return `${SESSION_COOKIE}=${encodeURIComponent(signed)}`;
}
