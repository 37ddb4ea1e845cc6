import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createRng, ScriptedRng } from "./rng";
import {
  computeSoftmaxProbabilities,
  getMostEliteProgram,
  scoreRating,
  selectPrograms,
  type SelectableProgram,
  type SelectionStrategy,
} from "./selection";

function makePool(ratings: [number, number][]): SelectableProgram[] {
  return ratings.map(([mu, sigma], i) => ({ programId: 10 + i, rating: { mu, sigma } }));
}

const noRandomness = () => new ScriptedRng([]);

describe("scores", () => {
  test("mean, explore, exploit", () => {
    const rating = { mu: 20, sigma: 3 };
    expect(scoreRating(rating, "mean")).toBe(20);
    expect(scoreRating(rating, "explore")).toBe(26);
    expect(scoreRating(rating, "exploit")).toBe(14);
  });
});

describe("lucb", () => {
  test("champion by exploit, challengers by explore, newest replaces the weakest challenger", () => {
    // explore: 30, 34, 40, 29 (newest); exploit: 26, 22, 10, 25
    const pool = makePool([
      [28, 1],
      [28, 3],
      [25, 7.5],
      [27, 1],
    ]);
    const result = selectPrograms(pool, { strategy: "lucb", k: 3, window: 0, rng: noRandomness() });
    expect(result.selectedIds).toEqual([10, 12, 13]);
    const without = selectPrograms(pool, {
      strategy: "lucb",
      k: 3,
      window: 0,
      includeLast: false,
      rng: noRandomness(),
    });
    expect(without.selectedIds).toEqual([10, 12, 11]);
  });

  test("k = 1 is the champion only, even with include_last", () => {
    const pool = makePool([
      [30, 1],
      [20, 1],
    ]);
    expect(
      selectPrograms(pool, { strategy: "lucb", k: 1, window: 0, rng: noRandomness() }).selectedIds,
    ).toEqual([10]);
  });

  test("pads with the newest when the window is smaller than k", () => {
    const pool = makePool([
      [30, 1],
      [20, 1],
      [25, 2],
    ]);
    const result = selectPrograms(pool, { strategy: "lucb", k: 5, window: 1, rng: noRandomness() });
    expect(result.candidateIds).toEqual([12]);
    expect(result.selectedIds).toEqual([12, 12, 12, 12, 12]);
  });

  test("k ≤ 0 or an empty pool selects nothing", () => {
    expect(
      selectPrograms(makePool([[1, 1]]), { strategy: "lucb", k: 0, window: 0, rng: noRandomness() })
        .selectedIds,
    ).toEqual([]);
    expect(
      selectPrograms([], { strategy: "lucb", k: 3, window: 0, rng: noRandomness() }).selectedIds,
    ).toEqual([]);
  });
});

describe("ucb", () => {
  test("top explore scores, ties keep older first, newest forced into the last slot", () => {
    const pool = makePool([
      [25, 25 / 3],
      [25, 25 / 3],
      [25, 25 / 3],
      [20, 1],
    ]);
    expect(
      selectPrograms(pool, { strategy: "ucb", k: 2, window: 0, rng: noRandomness() }).selectedIds,
    ).toEqual([10, 13]);
    expect(
      selectPrograms(pool, { strategy: "ucb", k: 2, window: 0, includeLast: false, rng: noRandomness() })
        .selectedIds,
    ).toEqual([10, 11]);
  });

  test("k = 1 does not force the newest", () => {
    const pool = makePool([
      [40, 1],
      [20, 1],
    ]);
    expect(
      selectPrograms(pool, { strategy: "ucb", k: 1, window: 0, rng: noRandomness() }).selectedIds,
    ).toEqual([10]);
  });
});

describe("softmax", () => {
  test("temperature is max(max score, 1) and probabilities sum to 1", () => {
    const { temperature, probs } = computeSoftmaxProbabilities([10, 20, 30]);
    expect(temperature).toBe(30);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
    expect(probs[2]! / probs[1]!).toBeCloseTo(Math.exp(10 / 30), 12);
    expect(computeSoftmaxProbabilities([-5, -4]).temperature).toBe(1);
  });

  test("draws through the rng's weighted draw and then forces the newest", () => {
    const pool = makePool([
      [30, 1],
      [20, 1],
      [25, 2],
      [10, 1],
    ]);
    const rng = new ScriptedRng([{ fn: "weighted", indices: [2, 0] }]);
    const result = selectPrograms(pool, { strategy: "softmax", k: 2, window: 0, rng });
    expect(rng.calls[0]).toMatchObject({ fn: "weighted", k: 2 });
    expect(result.strategy === "softmax" && result.nSample).toBe(2);
    expect(result.selectedIds).toEqual([12, 13]);
  });
});

describe("uniform", () => {
  test("newest first, then a sample of k-1 from the rest", () => {
    const pool = makePool([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 1],
    ]);
    const rng = new ScriptedRng([{ fn: "sample", indices: [2, 0] }]);
    const result = selectPrograms(pool, { strategy: "uniform", k: 3, window: 0, rng });
    expect(result.strategy === "uniform" && result.mode).toBe("last_plus_sample_without_replacement");
    expect(rng.calls[0]).toEqual({ fn: "sample", population: [0, 1, 2], k: 2 });
    expect(result.selectedIds).toEqual([13, 12, 10]);
  });

  test("exactly k candidates: a random permutation, newest not forced first", () => {
    const pool = makePool([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
    const rng = new ScriptedRng([{ fn: "sample", indices: [1, 2, 0] }]);
    const result = selectPrograms(pool, { strategy: "uniform", k: 3, window: 0, rng });
    expect(result.strategy === "uniform" && result.mode).toBe("sample_without_replacement");
    expect(result.selectedIds).toEqual([11, 12, 10]);
  });

  test("fewer candidates than k: k separate choice draws, duplicates allowed", () => {
    const pool = makePool([
      [1, 1],
      [2, 1],
    ]);
    const rng = new ScriptedRng([
      { fn: "choice", index: 0 },
      { fn: "choice", index: 0 },
      { fn: "choice", index: 0 },
    ]);
    const result = selectPrograms(pool, { strategy: "uniform", k: 3, window: 0, rng });
    expect(result.strategy === "uniform" && result.mode).toBe("independent_choices_with_replacement");
    expect(result.selectedIds).toEqual([10, 10, 10]);
  });
});

describe("get_most_elite_program", () => {
  test("whole pool, ties to the older program, default explore", () => {
    const pool = makePool([
      [30, 1],
      [30, 1],
      [20, 8],
      [35, 5],
    ]);
    expect(getMostEliteProgram(pool, "mean")?.programId).toBe(13);
    expect(getMostEliteProgram(pool)?.programId).toBe(13);
    expect(getMostEliteProgram(pool, "exploit")?.programId).toBe(10);
    expect(getMostEliteProgram([])).toBeUndefined();
  });
});

const ratingArb = fc.tuple(
  fc.double({ min: -20, max: 60, noNaN: true }),
  fc.oneof(fc.constant(25 / 3), fc.double({ min: 1e-6, max: 30, noNaN: true })),
);
const poolArb = fc.array(ratingArb, { minLength: 1, maxLength: 15 }).map(makePool);
const strategyArb = fc.constantFrom<SelectionStrategy>("uniform", "lucb", "ucb", "softmax");

describe("selection properties", () => {
  test("k valid candidates from the window; newest included where the spec forces it", () => {
    fc.assert(
      fc.property(
        poolArb,
        strategyArb,
        fc.integer({ min: 1, max: 6 }),
        fc.nat({ max: 16 }),
        fc.boolean(),
        fc.nat({ max: 2 ** 31 }),
        (pool, strategy, k, window, includeLast, seed) => {
          const result = selectPrograms(pool, { strategy, k, window, includeLast, rng: createRng(seed) });
          const windowIds = pool
            .slice(window > 0 && window < pool.length ? -window : 0)
            .map((p) => p.programId);
          const newest = pool[pool.length - 1]!.programId;
          expect(result.candidateIds).toEqual(windowIds);
          expect(result.selectedIds).toHaveLength(k);
          for (const id of result.selectedIds) expect(windowIds).toContain(id);
          expect(result.selectedPrograms.map((p) => p.programId)).toEqual(result.selectedIds);

          const distinctPart = result.selectedIds.slice(0, Math.min(k, windowIds.length));
          const randomWithReplacement = strategy === "uniform" && windowIds.length < k;
          if (!randomWithReplacement) expect(new Set(distinctPart).size).toBe(distinctPart.length);

          const forced =
            includeLast &&
            (strategy === "uniform"
              ? windowIds.length > k || windowIds.length === k
              : k > 1 || windowIds.length === 1);
          if (forced) expect(result.selectedIds).toContain(newest);
          if (includeLast && strategy === "uniform" && windowIds.length > k)
            expect(result.selectedIds[0]).toBe(newest);
          if (strategy !== "uniform" && windowIds.length < k)
            expect(result.selectedIds.slice(windowIds.length)).toEqual(
              Array(k - windowIds.length).fill(newest),
            );
        },
      ),
    );
  });

  test("the same seed gives the same selection", () => {
    fc.assert(
      fc.property(
        poolArb,
        strategyArb,
        fc.integer({ min: 1, max: 5 }),
        fc.nat(),
        (pool, strategy, k, seed) => {
          const run = () =>
            selectPrograms(pool, { strategy, k, window: 5, rng: createRng(seed) }).selectedIds;
          expect(run()).toEqual(run());
        },
      ),
    );
  });
});
