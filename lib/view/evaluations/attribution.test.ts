import { describe, expect, it } from "vitest";
import { computeCellStats, computeTInterval, decomposeGain, findFlips } from "./attribution";

describe("computeCellStats", () => {
  it("matches hand-computed Pass@k, mean reward, n and the t-interval", () => {
    // Problem means 1, 0.5, 0: mean 0.5, s = 0.5, t_{0.975,2} = 4.302653, half = 4.302653·0.5/√3 = 1.242069.
    const stats = computeCellStats([
      [1, 1],
      [1, 0],
      [0, 0],
    ]);
    expect(stats.n).toBe(6);
    expect(stats.problems).toBe(3);
    expect(stats.meanReward).toBe(0.5);
    // Pass@1 = (1 + 0.5 + 0) / 3; Pass@2 = (1 + 1 + 0) / 3.
    expect(stats.passAtK["Pass@1"]).toBeCloseTo(0.5, 12);
    expect(stats.passAtK["Pass@2"]).toBeCloseTo(2 / 3, 12);
    expect(stats.ci!.low).toBeCloseTo(0.5 - 1.242069, 5);
    expect(stats.ci!.high).toBeCloseTo(0.5 + 1.242069, 5);
  });
  it("has no interval for a single problem", () => {
    expect(computeCellStats([[1, 0, 1]]).ci).toBeNull();
    expect(computeTInterval([0.3])).toBeNull();
  });
});

describe("decomposeGain", () => {
  it("splits the gain into weights, prompt, both and interaction, paired by problem", () => {
    const d = decomposeGain({
      baseRoot: [0, 0.25],
      finalRoot: [0.5, 0.25],
      baseBest: [0.25, 0.5],
      finalBest: [1, 0.75],
    });
    // weights: (0.5, 0) → 0.25; prompt: (0.25, 0.25) → 0.25; both: (1, 0.5) → 0.75;
    // interaction: (1 − 0.5 − 0.25 + 0, 0.75 − 0.25 − 0.5 + 0.25) = (0.25, 0.25) → 0.25.
    expect(d.weightsOnly.estimate).toBeCloseTo(0.25, 12);
    expect(d.promptOnly.estimate).toBeCloseTo(0.25, 12);
    expect(d.both.estimate).toBeCloseTo(0.75, 12);
    expect(d.interaction.estimate).toBeCloseTo(0.25, 12);
    // Identical differences: zero spread, so a zero-width interval.
    expect(d.promptOnly.ci).toEqual({ low: 0.25, high: 0.25 });
    // weights: s = √((0.25² + 0.25²)/1) = 0.353553, t_{0.975,1} = 12.706205, half = 12.706205·0.353553/√2 = 3.176551.
    expect(d.weightsOnly.ci!.high).toBeCloseTo(0.25 + 3.176551, 4);
  });
  it("refuses cells of different problems", () => {
    expect(() => decomposeGain({ baseRoot: [0], finalRoot: [0, 1], baseBest: [0], finalBest: [0] })).toThrow(
      /same problems/,
    );
  });
});

describe("findFlips", () => {
  it("lists problems solved (mean ≥ ½) by one cell only", () => {
    expect(findFlips([1, 0.25, 0.5, 0], [0.75, 0.5, 0.25, 0])).toEqual([
      { problemIndex: 1, from: 0.25, to: 0.5, kind: "gained" },
      { problemIndex: 2, from: 0.5, to: 0.25, kind: "lost" },
    ]);
  });
});
