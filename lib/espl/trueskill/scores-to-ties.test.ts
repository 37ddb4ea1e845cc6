import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { scoresToTies } from "./scores-to-ties";

describe("scoresToTies", () => {
  test("reference examples", () => {
    expect(scoresToTies([], 0.01)).toEqual([]);
    expect(scoresToTies([0.3], 0.01)).toEqual([0]);
    expect(scoresToTies([1, 1, 1], 0)).toEqual([0, 0, 0]);
    // Chains through neighbours.
    expect(scoresToTies([0.5, 0.495, 0.49], 0.01)).toEqual([0, 0, 0]);
    // Plain float arithmetic: 0.6 − 0.59 = 0.010000000000000009 > 0.01.
    expect(scoresToTies([0.6, 0.59], 0.01)).toEqual([0, 1]);
    expect(scoresToTies([0.7, 0.69, 0.5], 0.01)).toEqual([0, 1, 2]);
    expect(scoresToTies([0.75, 0.75, 0.5, 0.5])).toEqual([0, 0, 1, 1]);
  });

  test("ids start at 0 and step by 0 or 1, exactly where the gap exceeds the tolerance", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true })),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        (raw, tol) => {
          const scores = [...raw].sort((a, b) => b - a);
          const ties = scoresToTies(scores, tol);
          expect(ties).toHaveLength(scores.length);
          if (ties.length) expect(ties[0]).toBe(0);
          for (let i = 1; i < ties.length; i++) {
            expect(ties[i]! - ties[i - 1]!).toBe(scores[i - 1]! - scores[i]! <= tol ? 0 : 1);
          }
        },
      ),
    );
  });
});
