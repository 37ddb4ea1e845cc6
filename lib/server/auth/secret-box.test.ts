import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { openSecret, parseSecretKey, sealSecret, SecretKeyError } from "./secret-box";
import { ensureSecretKey } from "./secret-key-file";

const key = randomBytes(32);

describe("secret box (AES-256-GCM)", () => {
  test("round trip; the sealed form does not contain the plaintext; each seal differs", () => {
    const sealed = sealSecret("sk-live-abc123", key, "backend-1");
    expect(sealed).not.toContain("sk-live-abc123");
    expect(sealed).not.toBe(sealSecret("sk-live-abc123", key, "backend-1"));
    expect(openSecret(sealed, key, "backend-1")).toBe("sk-live-abc123");
  });

  test("a changed byte, another key or another row's context is detected", () => {
    const sealed = sealSecret("sk-live-abc123", key, "backend-1");
    const [v, iv, tag, body] = sealed.split(".");
    const flipped = Buffer.from(body!, "base64url");
    flipped[0]! ^= 1;
    const tampered = [v, iv, tag, flipped.toString("base64url")].join(".");
    expect(() => openSecret(tampered, key, "backend-1")).toThrow(SecretKeyError);
    expect(() => openSecret(sealed, randomBytes(32), "backend-1")).toThrow(SecretKeyError);
    expect(() => openSecret(sealed, key, "backend-2")).toThrow(SecretKeyError);
    expect(() => openSecret("garbage", key, "backend-1")).toThrow(/malformed/);
  });

  test("the key must be base64 of exactly 32 bytes", () => {
    expect(() => parseSecretKey(undefined)).toThrow(/not set/);
    expect(() => parseSecretKey(randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
    expect(parseSecretKey(key.toString("base64"))).toEqual(key);
  });

  test("npm start's key file: generated once (mode 0600), then reused; the environment wins", () => {
    const file = join(mkdtempSync(join(tmpdir(), "espl-key-")), "nested", "secret-key");
    const first = ensureSecretKey({}, file);
    expect(first.source).toBe("generated");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").trim()).toBe(first.key);
    expect(ensureSecretKey({}, file)).toEqual({ key: first.key, source: "file" });
    const own = randomBytes(32).toString("base64");
    expect(ensureSecretKey({ ESPL_SECRET_KEY: own }, file)).toEqual({ key: own, source: "env" });
  });
});
