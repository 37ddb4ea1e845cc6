import { describe, expect, test } from "vitest";
import { emptyCounts, formatTokens, priceTokens, recordedUsage, summariseUsage } from "./usage-summary";

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

  test("an import's token counts are not recorded: null, never 0, and no cost", () => {
    const summary = summariseUsage({
      total: { ...emptyCounts(), reflectionCalls: 12 },
      last: { ...emptyCounts(), reflectionCalls: 3 },
      stepCount: 4,
      recorded: recordedUsage({ imported: true, unrecordedReflectionCalls: 12 }),
      policyPrices: { inputPricePerM: 1 },
      reflectionPrices: { inputPricePerM: 1 },
    });
    expect(summary.total).toEqual({
      policyPromptTokens: null,
      policyCompletionTokens: null,
      reflectionPromptTokens: null,
      reflectionCompletionTokens: null,
      reflectionCalls: 12,
      trainTokens: null,
    });
    expect(summary.perStep?.reflectionCalls).toBe(3);
    expect(summary.perStep?.policyPromptTokens).toBeNull();
    expect(summary.last?.reflectionCalls).toBe(3);
    expect(summary.last?.trainTokens).toBeNull();
    expect(summary.cost).toEqual({ policy: null, reflection: null, total: null });
    expect(formatTokens(summary.total.policyPromptTokens)).toBe("not recorded");
  });

  test("a native run with a reflection call lacking counts: only the reflection tokens are unknown", () => {
    const recorded = recordedUsage({ imported: false, unrecordedReflectionCalls: 1 });
    const summary = summariseUsage({
      total,
      last: null,
      stepCount: 4,
      recorded,
      policyPrices: { inputPricePerM: 0.5, outputPricePerM: 1.5 },
      reflectionPrices: { inputPricePerM: 3, outputPricePerM: 15 },
    });
    expect(summary.total.reflectionPromptTokens).toBeNull();
    expect(summary.total.policyPromptTokens).toBe(2_000_000);
    expect(summary.cost).toEqual({ policy: 2.5, reflection: null, total: null });
    expect(recordedUsage({ imported: false, unrecordedReflectionCalls: 0 }).reflectionPromptTokens).toBe(
      true,
    );
    const noPolicy = recordedUsage({
      imported: false,
      unrecordedReflectionCalls: 0,
      unrecordedSamplingCalls: 2,
    });
    expect([noPolicy.policyPromptTokens, noPolicy.reflectionPromptTokens, noPolicy.trainTokens]).toEqual([
      false,
      true,
      true,
    ]);
  });

  test("formats counts compactly", () => {
    expect(formatTokens(999)).toBe("999");
    expect(formatTokens(43_210)).toBe("43.2k");
    expect(formatTokens(1_234_567)).toBe("1.23M");
  });
});
