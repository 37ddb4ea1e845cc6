import { describe, expect, test } from "vitest";
import { getDefaultConfig } from "@/lib/espl/config";
import {
  checkResourceLimits,
  countStepSamples,
  DEFAULT_RESOURCE_LIMITS,
  parseResourceLimits,
} from "./resource-limits";

const config = getDefaultConfig();

describe("resource limits", () => {
  test("a step samples every slot × batch problem × group, and the test set", () => {
    // The reference's defaults: 10 × 5 × 3 training rollouts, 30 test problems × 10.
    expect(countStepSamples({ config, testProblems: 30 })).toBe(150 + 300);
  });

  test("the defaults let the reference's own config run", () => {
    expect(
      checkResourceLimits({ config, totalSteps: 260, testProblems: 30 }, DEFAULT_RESOURCE_LIMITS),
    ).toEqual({});
  });

  test("each limit refuses with the key to change and the limit, all at once", () => {
    const problems = checkResourceLimits(
      {
        config: { ...config, batch_size: 1000, group_size: 1000, max_tokens: 200_000 },
        totalSteps: 2_560_000,
        testProblems: 0,
      },
      DEFAULT_RESOURCE_LIMITS,
    );
    expect(problems).toEqual({
      group_size: [
        "a step would sample 3,000,000 rollouts (batch_size × group_size × num_parallel_programs); " +
          "the limit is 20,000 (ESPL_MAX_STEP_SAMPLES)",
      ],
      n_epochs: [
        "the run would take 2,560,000 steps (⌈problems ÷ batch_size⌉ × n_epochs); the limit is 100,000 " +
          "(ESPL_MAX_TOTAL_STEPS)",
      ],
      max_tokens: ["200,000 tokens is above the limit of 131,072 (ESPL_MAX_TOKENS)"],
    });
  });

  test("operators set the limits; empty means the default, nonsense is refused", () => {
    expect(parseResourceLimits({})).toEqual(DEFAULT_RESOURCE_LIMITS);
    expect(
      parseResourceLimits({
        ESPL_MAX_STEP_SAMPLES: "100",
        ESPL_MAX_TOTAL_STEPS: "",
        ESPL_MAX_TOKENS: "4096",
      }),
    ).toEqual({ stepSamples: 100, totalSteps: DEFAULT_RESOURCE_LIMITS.totalSteps, tokens: 4096 });
    expect(() => parseResourceLimits({ ESPL_MAX_TOTAL_STEPS: "lots" })).toThrow(/ESPL_MAX_TOTAL_STEPS/);
    expect(() => parseResourceLimits({ ESPL_MAX_TOKENS: "0" })).toThrow(/ESPL_MAX_TOKENS/);
  });
});
