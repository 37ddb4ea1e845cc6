import { describe, expect, test } from "vitest";
import { emptyCounts, formatTokens, priceTokens, summariseUsage } from "./usage-summary";

describe("summariseUsage", () => {
  const total = {
    ...emptyCounts(),
    policyPromptTokens: 2_000_000,
    policyCompletionTokens: 1_000_000,
    reflectionPromptTokens: 500_000,
    reflectionCompletionTokens: 100_000,
    reflectionCalls: 40,
    trainTokens: 300,
  };

  test("averages per step and prices each side with its own backend", () => {
    const summary = summariseUsage({
      total,
      last: null,
      stepCount: 4,
      policyPrices: { inputPricePerM: 0.5, outputPricePerM: 1.5 },
      reflectionPrices: { inputPricePerM: 3, outputPricePerM: 15 },
    });
    expect(summary.perStep?.policyPromptTokens).toBe(500_000);
    expect(summary.perStep?.reflectionCalls).toBe(10);
    expect(summary.cost.policy).toBeCloseTo(1 + 1.5);
    expect(summary.cost.reflection).toBeCloseTo(1.5 + 1.5);
    expect(summary.cost.total).toBeCloseTo(5.5);
  });

  test("no prices, no cost; no steps, no averages", () => {
    const summary = summariseUsage({
      total,
      last: null,
      stepCount: 0,
      policyPrices: null,
      reflectionPrices: {},
    });
    expect(summary.perStep).toBeNull();
    expect(summary.cost).toEqual({ policy: null, reflection: null, total: null });
    expect(priceTokens(10, 10, { outputPricePerM: 1 })).toBeCloseTo(1e-5);
  });

  test("formats counts compactly", () => {
    expect(formatTokens(999)).toBe("999");
    expect(formatTokens(43_210)).toBe("43.2k");
    expect(formatTokens(1_234_567)).toBe("1.23M");
  });
});
