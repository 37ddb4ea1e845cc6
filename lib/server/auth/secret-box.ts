/**
 * Secrets at rest (model backend API keys): AES-256-GCM with a random 96-bit IV per secret; the auth tag
 * makes any change to the stored value detectable. Stored form: `v1.<iv>.<tag>.<ciphertext>` (base64url).
 * The key comes from ESPL_SECRET_KEY (base64 of 32 bytes); `npm start` generates and keeps one in
 * .data/secret-key when it is unset (lib/server/auth/secret-key-file.ts).
 */
import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";
const IV_BYTES = 12;

export class SecretKeyError extends Error {}

/** The key from its base64 form; refuses anything that is not exactly 32 bytes. */
export function parseSecretKey(encoded: string | undefined): Buffer {
  if (!encoded)
    throw new SecretKeyError("ESPL_SECRET_KEY is not set (npm start sets it from .data/secret-key)");
  const key = Buffer.from(encoded.trim(), "base64");
  if (key.length !== 32) throw new SecretKeyError("ESPL_SECRET_KEY must be the base64 encoding of 32 bytes");
  return key;
}

export function getSecretKey(env: Record<string, string | undefined> = process.env): Buffer {
  return parseSecretKey(env.ESPL_SECRET_KEY);
}

/** `context` (e.g. the backend's id) is bound as associated data: a sealed value moved to another row fails. */
export function sealSecret(plaintext: string, key: Buffer, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/** Throws (without echoing the value) when the sealed value was altered, or sealed under another key or context. */
export function openSecret(sealed: string, key: Buffer, context: string): string {
  const parts = sealed.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretKeyError("the stored secret is malformed");
  const [iv, tag, body] = parts.slice(1).map((p) => Buffer.from(p, "base64url"));
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv!);
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(body!), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretKeyError("the stored secret cannot be decrypted (altered, or sealed with another key)");
  }
}
