import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { initCrossoverChildRating, initMutationChildRating } from "./rating-init";
import { createDefaultRating } from "./system";

describe("child ratings", () => {
  test("mutation keeps μ and widens σ", () => {
    const child = initMutationChildRating(createDefaultRating());
    expect(child.mu).toBe(25);
    expect(child.sigma).toBeCloseTo(8.3931, 4);
    expect(initMutationChildRating({ mu: 3, sigma: 4 }, 3)).toEqual({ mu: 3, sigma: 5 });
    // The parent's σ is floored at 1e-6 before squaring.
    expect(initMutationChildRating({ mu: 1, sigma: 0 }, 1).sigma).toBe(Math.sqrt(1e-12 + 1));
  });

  test("crossover is the precision-weighted mean plus crossover noise", () => {
    const child = initCrossoverChildRating(
      [
        { mu: 30, sigma: 1 },
        { mu: 20, sigma: 2 },
      ],
      0.5,
    );
    // Precisions 1 and 1/4 → μ = (30 + 5) / 1.25 = 28, σ² = 0.8 + 0.25.
    expect(child.mu).toBeCloseTo(28, 12);
    expect(child.sigma).toBeCloseTo(Math.sqrt(1.05), 12);
    expect(() => initCrossoverChildRating([], 1)).toThrow();
  });

  test("one crossover parent behaves like a mutation", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -50, max: 100, noNaN: true }),
        fc.double({ min: 1e-3, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (mu, sigma, extra) => {
          const a = initCrossoverChildRating([{ mu, sigma }], extra);
          const b = initMutationChildRating({ mu, sigma }, extra);
          expect(a.mu).toBeCloseTo(b.mu, 9);
          expect(a.sigma).toBeCloseTo(b.sigma, 9);
        },
      ),
    );
  });
});
