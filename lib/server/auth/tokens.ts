/**
 * Bearer tokens (share links, API tokens): 32 random bytes (256 bits) in base64url, shown to
 * their holder once; the database keeps only their SHA-256, so a leaked database grants nothing.
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function generateToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Cheap shape check before touching the database: a 32-byte base64url token is exactly 43 characters. */
export function isWellFormedToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}
