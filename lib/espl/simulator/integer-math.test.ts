import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { binomial, gcd, lcmOf, powMod } from "./integer-math";
import { deriveSeed, hashText, shuffle } from "./stream-seed";
import { createRng } from "../rng";

describe("integer helpers", () => {
  test("powMod agrees with BigInt exponentiation", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 200 }),
        fc.integer({ min: 1, max: 20000 }),
        fc.integer({ min: 2, max: 60 }),
        (base, exponent, m) => {
          expect(powMod(base, exponent, m)).toBe(Number(BigInt(base) ** BigInt(exponent) % BigInt(m)));
        },
      ),
      { numRuns: 200 },
    );
  });

  test("binomial follows Pascal's rule and its edges", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), (n, k) => {
        expect(binomial(n, k)).toBe(binomial(n - 1, k - 1) + binomial(n - 1, k));
      }),
    );
    expect([binomial(5, 0), binomial(5, 5), binomial(5, 6), binomial(5, -1)]).toEqual([1, 1, 0, 0]);
  });

  test("gcd and lcm", () => {
    expect(gcd(12, 18)).toBe(6);
    expect(lcmOf([4, 6, 10])).toBe(60);
  });
});

describe("stream keys", () => {
  test("hashText is FNV-1a", () => {
    expect(hashText("")).toBe(0x811c9dc5);
    expect(hashText("a")).toBe(0xe40c292c);
  });

  test("seeds differ when any key part differs and stay within SeededRng's range", () => {
    const seeds = new Set<number>();
    for (let a = 0; a < 20; a++) for (let b = 0; b < 20; b++) seeds.add(deriveSeed([7, a, b]));
    expect(seeds.size).toBe(400);
    for (const seed of seeds) expect(Number.isSafeInteger(seed) && seed >= 0).toBe(true);
    expect(deriveSeed([1, 2])).not.toBe(deriveSeed([2, 1]));
    expect(() => deriveSeed([0.5])).toThrow(RangeError);
  });

  test("shuffle is a permutation", () => {
    const items = [...Array(20).keys()];
    expect(shuffle(createRng(3), items).sort((a, b) => a - b)).toEqual(items);
  });
});
