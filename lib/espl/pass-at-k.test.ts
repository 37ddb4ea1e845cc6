import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { computePassAtK, computePassAtKForRange } from "./pass-at-k";

describe("computePassAtK", () => {
  test("matches the reference's float64 results bit for bit", () => {
    expect(computePassAtK(7, 5.0, 2)).toBe(0.9523809523809523);
    expect(computePassAtK(16, 3, 4)).toBe(0.6071428571428572);
    // 1 − 12/13, not 1/13: the product is formed first, as in the reference.
    expect(computePassAtK(13, 1.0, 1)).toBe(0.07692307692307687);
  });

  test("is exactly 1 once fewer than k samples are wrong, and 0 without correct samples", () => {
    expect(computePassAtK(10, 8, 3)).toBe(1);
    expect(computePassAtK(4, 4, 1)).toBe(1);
    expect(computePassAtK(14, 0, 8)).toBe(0);
  });

  test("rejects impossible arguments instead of returning garbage", () => {
    expect(() => computePassAtK(-1, 0, 1)).toThrow(RangeError);
    expect(() => computePassAtK(3.5, 1, 1)).toThrow(RangeError);
    expect(() => computePassAtK(4, 5, 1)).toThrow(RangeError);
    expect(() => computePassAtK(4, -1, 1)).toThrow(RangeError);
    expect(() => computePassAtK(4, Number.NaN, 1)).toThrow(RangeError);
    expect(() => computePassAtK(4, 1, 1.5)).toThrow(RangeError);
  });

  const counts = fc
    .integer({ min: 1, max: 40 })
    .chain((n) =>
      fc.record({ n: fc.constant(n), c: fc.integer({ min: 0, max: n }), k: fc.integer({ min: 1, max: n }) }),
    );

  test("stays in [0, 1]", () => {
    fc.assert(
      fc.property(counts, ({ n, c, k }) => {
        const p = computePassAtK(n, c, k);
        return p >= 0 && p <= 1;
      }),
    );
  });

  test("never decreases as k grows or as more samples are correct", () => {
    fc.assert(
      fc.property(counts, ({ n, c, k }) => {
        const p = computePassAtK(n, c, k);
        const moreDraws = k < n ? computePassAtK(n, c, k + 1) : 1;
        const moreCorrect = c < n ? computePassAtK(n, c + 1, k) : 1;
        return moreDraws >= p - 1e-15 && moreCorrect >= p - 1e-15;
      }),
    );
  });

  test("pass@1 is the fraction correct", () => {
    fc.assert(fc.property(counts, ({ n, c }) => Math.abs(computePassAtK(n, c, 1) - c / n) < 1e-12));
  });
});

describe("computePassAtKForRange", () => {
  test("lists k = 1..n and accepts a float count", () => {
    const range = computePassAtKForRange(4, 2.0);
    expect(range).toHaveLength(4);
    expect(range[0]).toBe(0.5);
    expect(range.slice(2)).toEqual([1, 1]);
    expect(computePassAtKForRange(0, 0)).toEqual([]);
  });
});
