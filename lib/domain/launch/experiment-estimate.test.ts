import { describe, expect, test } from "vitest";
import { getDefaultConfig } from "@/lib/espl/config";
import { estimateExperiment, formatDuration } from "./experiment-estimate";

// 8 train problems in batches of 4, one epoch: 2 steps a run; 4 test problems.
const dataset = { trainCount: 8, testCount: 4 };
const small = {
  ...getDefaultConfig(),
  dataset_size: 8,
  batch_size: 4,
  group_size: 2,
  test_group_size: 3,
  n_epochs: 1,
  num_parallel_programs: 2,
  train_mode: "rl" as const,
};

describe("estimateExperiment", () => {
  test("counts runs, steps and samples from each cell's own config", () => {
    const wide = { ...small, batch_size: 2 }; // 4 steps of 2·2·2 policy samples
    const estimate = estimateExperiment([small, small, wide], dataset, null, "the simulator");
    // small: 2 steps × (2·4·2 + 3·4) = 2 × 28; wide: 4 steps × (2·2·2 + 12) = 4 × 20.
    expect(estimate).toMatchObject({ runs: 3, steps: 2 + 2 + 4, samples: 56 + 56 + 80 });
  });

  test("no basis: time and tokens are unknown, and the basis says why", () => {
    const estimate = estimateExperiment([small], dataset, null, "the simulator");
    expect(estimate.seconds).toBeNull();
    expect(estimate.tokens).toBeNull();
    expect(estimate.basis).toContain("no earlier run on the simulator");
  });

  test("a basis is scaled per sample; tokens stay unknown when none were recorded", () => {
    const basis = { runs: 2, steps: 10, samples: 280, seconds: 14, tokens: null };
    const estimate = estimateExperiment([small, small], dataset, basis, "the simulator");
    // 112 samples at 14 s / 280 samples.
    expect(estimate.seconds).toBeCloseTo(5.6, 10);
    expect(estimate.tokens).toBeNull();
    expect(estimate.basis).toBe(
      "scaled per sample from 10 steps of 2 earlier runs on the simulator in this project (they recorded no tokens)",
    );
    const withTokens = estimateExperiment([small], dataset, { ...basis, tokens: 2800 }, "gpt");
    expect(withTokens.tokens).toBeCloseTo(560, 10);
  });

  test("reflection calls: evolution's mutation ceiling and one crossover call where it can happen", () => {
    const evolution = { ...small, train_mode: "evolution" as const, crossover_prob: 0.5 };
    // per step: B·G + B + 1 = 8 + 4 + 1 = 13 mutation calls, plus 1 crossover call; 2 steps.
    expect(estimateExperiment([evolution], dataset, null, "x").reflectionCallsMax).toBe(28);
    expect(estimateExperiment([small], dataset, null, "x").reflectionCallsMax).toBe(0);
  });
});

describe("formatDuration", () => {
  test("seconds, minutes, hours", () => {
    expect(formatDuration(12.4)).toBe("12 s");
    expect(formatDuration(250)).toBe("4 min 10 s");
    expect(formatDuration(7500)).toBe("2 h 05 min");
  });
});
