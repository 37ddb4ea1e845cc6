import { describe, expect, test } from "vitest";
import { computeRetryAfterMs, emailKey } from "./rate-limit";

const rule = { limit: 3, windowMs: 60_000 };
const now = new Date("2026-11-26T12:00:00Z");

describe("computeRetryAfterMs", () => {
  test("allows attempts below the limit", () => {
    expect(computeRetryAfterMs({ count: 2, oldest: new Date(now.getTime() - 10_000) }, rule, now)).toBeNull();
    expect(computeRetryAfterMs({ count: 0, oldest: null }, rule, now)).toBeNull();
  });

  test("at the limit, waits until the oldest failure leaves the window", () => {
    expect(computeRetryAfterMs({ count: 3, oldest: new Date(now.getTime() - 45_000) }, rule, now)).toBe(
      15_000,
    );
  });

  test("never asks for less than a second", () => {
    expect(computeRetryAfterMs({ count: 5, oldest: new Date(now.getTime() - 59_999) }, rule, now)).toBe(
      1_000,
    );
  });

  test("emails are keyed case-insensitively", () => {
    expect(emailKey(" Ada@Example.COM ")).toBe(emailKey("ada@example.com"));
  });
});
