import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { erf } from "./erf";

/** Distance in units in the last place between two finite doubles of the same sign. */
function ulpDistance(a: number, b: number): number {
  const buf = new Float64Array([a, b]);
  const bits = new BigInt64Array(buf.buffer);
  const d = bits[0]! - bits[1]!;
  return Number(d < 0n ? -d : d);
}

// erf(x) for double x, correctly rounded (computed with 200-bit mpmath).
const EXACT: [number, number][] = [
  [1e-10, 1.1283791670955126e-10],
  [0.1, 0.1124629160182849],
  [0.5, 0.5204998778130465],
  [0.84375, 0.7672256612323416],
  [0.9, 0.7969082124228322],
  [1.0, 0.8427007929497149],
  [1.2, 0.9103139782296353],
  [1.25, 0.9229001282564583],
  [1.5, 0.9661051464753108],
  [2.0, 0.9953222650189527],
  [2.5, 0.999593047982555],
  [2.857, 0.9999466417399131],
  [3.0, 0.9999779095030014],
  [4.0, 0.9999999845827421],
  [5.0, 0.9999999999984626],
  [5.9, 0.9999999999999999],
];

describe("erf", () => {
  test.each(EXACT)("erf(%d) is within one ulp of the exact value", (x, exact) => {
    expect(ulpDistance(erf(x), exact)).toBeLessThanOrEqual(1);
    expect(ulpDistance(erf(-x), -exact)).toBeLessThanOrEqual(1);
  });

  test("special values", () => {
    expect(erf(0)).toBe(0);
    expect(Object.is(erf(-0), -0)).toBe(true);
    expect(erf(6)).toBe(1);
    expect(erf(-30)).toBe(-1);
    expect(erf(Infinity)).toBe(1);
    expect(erf(-Infinity)).toBe(-1);
    expect(erf(Number.NaN)).toBeNaN();
  });

  test("is odd, bounded and monotone", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (x, dx) => {
          const y = erf(x);
          expect(erf(-x)).toBe(-y);
          expect(Math.abs(y)).toBeLessThanOrEqual(1);
          expect(erf(x + dx)).toBeGreaterThanOrEqual(y);
        },
      ),
    );
  });

  test("is continuous across the approximation break points", () => {
    for (const b of [0.84375, 1.25, 2.8571414947509765625, 6]) {
      const below = erf(b - 1e-12);
      const above = erf(b + 1e-12);
      expect(Math.abs(above - below)).toBeLessThan(1e-11);
    }
  });
});
