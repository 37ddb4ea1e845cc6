import { describe, expect, test } from "vitest";
import { getDefaultConfig } from "@/lib/espl/config";
import { estimateStep } from "./estimate";

describe("estimateStep", () => {
  test("defaults: k·B·G policy samples, T·|test| test samples, mutation ceiling, expected crossover", () => {
    const config = { ...getDefaultConfig(), crossover_prob: 0.2 };
    expect(estimateStep(config, 30)).toEqual({
      policySamples: 3 * 10 * 5,
      testSamples: 10 * 30,
      mutationCallsMax: 10 * 5 + 10 + 1,
      crossoverCallsExpected: 0.2,
    });
  });

  test("RL only makes no reflection calls", () => {
    const estimate = estimateStep({ ...getDefaultConfig(), train_mode: "rl", crossover_prob: 0.5 }, 4);
    expect(estimate.mutationCallsMax).toBe(0);
    expect(estimate.crossoverCallsExpected).toBe(0);
    expect(estimate.testSamples).toBe(40);
  });
});
