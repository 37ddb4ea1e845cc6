import { describe, expect, test } from "vitest";
import { generateToken, hashToken, isWellFormedToken } from "./tokens";

describe("tokens", () => {
  test("are 256 random bits in base64url, all distinct", () => {
    const tokens = Array.from({ length: 200 }, generateToken);
    expect(new Set(tokens).size).toBe(200);
    for (const token of tokens) {
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
      expect(isWellFormedToken(token)).toBe(true);
    }
  });

  test("are stored as their SHA-256, which does not reveal them", () => {
    const token = generateToken();
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toContain(token);
    expect(hashToken(`${token}x`)).not.toBe(hashToken(token));
  });

  test("malformed tokens are recognised before any lookup", () => {
    expect(isWellFormedToken("short")).toBe(false);
    expect(isWellFormedToken(`${generateToken().slice(0, 42)}+`)).toBe(false);
  });
});
