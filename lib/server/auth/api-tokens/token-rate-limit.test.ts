import { describe, expect, test } from "vitest";
import { readApiRateRule, TokenRateLimiter } from "./token-rate-limit";

describe("TokenRateLimiter", () => {
  test("allows the limit inside the window, refuses the next, and frees up as the window slides", () => {
    const limiter = new TokenRateLimiter({ limit: 3, windowMs: 1_000 });
    for (const t of [0, 100, 200]) limiter.take("a", t);
    expect(() => limiter.take("a", 300)).toThrow(/too many requests/);
    // Another token has its own window.
    expect(() => limiter.take("b", 300)).not.toThrow();
    // The first request leaves the window at 1000: one more is allowed, then refused again.
    expect(() => limiter.take("a", 1_001)).not.toThrow();
    expect(() => limiter.take("a", 1_002)).toThrow(expect.objectContaining({ code: "rate_limited" }));
  });

  test("reads its limit from ESPL_API_RATE_LIMIT, falling back to 600 a minute", () => {
    expect(readApiRateRule({ ESPL_API_RATE_LIMIT: "5" })).toEqual({ limit: 5, windowMs: 60_000 });
    expect(readApiRateRule({ ESPL_API_RATE_LIMIT: "lots" })).toEqual({ limit: 600, windowMs: 60_000 });
    expect(readApiRateRule({})).toEqual({ limit: 600, windowMs: 60_000 });
  });
});
