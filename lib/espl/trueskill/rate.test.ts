import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { Rating } from "../types";
import { rate1v1, type Outcome } from "./rate-1v1";
import { rateRanking } from "./rate-ranking";
import {
  computeDrawMargin,
  createDefaultRating,
  createTrueSkillSystem,
  DEFAULT_SYSTEM,
  MIN_SIGMA,
} from "./system";

const fresh = () => createDefaultRating();

function expectRating(actual: Rating, mu: number, sigma: number, digits = 3): void {
  expect(actual.mu).toBeCloseTo(mu, digits);
  expect(actual.sigma).toBeCloseTo(sigma, digits);
}

const ratingArb = fc.record({
  mu: fc.double({ min: -100, max: 150, noNaN: true }),
  sigma: fc.double({ min: 0, max: 20, noNaN: true }),
});
const systemArb = fc
  .record({
    beta: fc.double({ min: 0.5, max: 10, noNaN: true }),
    tau: fc.double({ min: 0, max: 1, noNaN: true }),
    drawProbability: fc.double({ min: -0.1, max: 0.95, noNaN: true }),
  })
  .map((p) => createTrueSkillSystem(p));
const outcomeArb = fc.constantFrom<Outcome>("win", "loss", "draw");

describe("system", () => {
  test("default draw margin", () => {
    expect(DEFAULT_SYSTEM.drawMargin).toBe(0.7404665875760623);
    expect(computeDrawMargin(0, 4)).toBe(0);
    expect(computeDrawMargin(-0.1, 4)).toBe(0);
  });
});

describe("rate1v1", () => {
  test("textbook values for fresh players (with dynamics)", () => {
    const [w, l] = rate1v1(DEFAULT_SYSTEM, fresh(), fresh(), "win");
    expectRating(w, 29.396, 7.171);
    expectRating(l, 20.604, 7.171);
    const [d1, d2] = rate1v1(DEFAULT_SYSTEM, fresh(), fresh(), "draw");
    expectRating(d1, 25, 6.458);
    expectRating(d2, 25, 6.458);
  });

  test("a loss is the mirrored win", () => {
    fc.assert(
      fc.property(systemArb, ratingArb, ratingArb, fc.boolean(), (system, a, b, dyn) => {
        const [a1, b1] = rate1v1(system, a, b, "loss", dyn);
        const [b2, a2] = rate1v1(system, b, a, "win", dyn);
        expect(a1.mu).toBeCloseTo(a2.mu, 9);
        expect(a1.sigma).toBeCloseTo(a2.sigma, 9);
        expect(b1.mu).toBeCloseTo(b2.mu, 9);
        expect(b1.sigma).toBeCloseTo(b2.sigma, 9);
      }),
    );
  });

  test("results are finite with σ at or above the floor", () => {
    fc.assert(
      fc.property(systemArb, ratingArb, ratingArb, outcomeArb, fc.boolean(), (system, a, b, outcome, dyn) => {
        for (const r of rate1v1(system, a, b, outcome, dyn)) {
          expect(Number.isFinite(r.mu)).toBe(true);
          expect(Number.isFinite(r.sigma)).toBe(true);
          expect(r.sigma).toBeGreaterThanOrEqual(MIN_SIGMA);
        }
      }),
    );
  });

  test("without dynamics the winner's μ does not drop, the loser's does not rise, and σ does not grow", () => {
    fc.assert(
      fc.property(systemArb, ratingArb, ratingArb, (system, a, b) => {
        const [w, l] = rate1v1(system, a, b, "win", false);
        const slack = 1e-9 * (1 + Math.abs(a.mu) + Math.abs(b.mu));
        expect(w.mu).toBeGreaterThanOrEqual(a.mu - slack);
        expect(l.mu).toBeLessThanOrEqual(b.mu + slack);
        expect(w.sigma).toBeLessThanOrEqual(Math.max(a.sigma, MIN_SIGMA) * (1 + 1e-9));
        expect(l.sigma).toBeLessThanOrEqual(Math.max(b.sigma, MIN_SIGMA) * (1 + 1e-9));
      }),
    );
  });
});

describe("rateRanking", () => {
  test("three fresh players, with and without ties (reference values)", () => {
    const tied = rateRanking(DEFAULT_SYSTEM, [fresh(), fresh(), fresh()], [0, 0, 1]);
    expectRating(tied[0]!, 27.552, 5.974);
    expectRating(tied[1]!, 27.557, 5.972);
    expectRating(tied[2]!, 19.891, 6.735);
    const plain = rateRanking(DEFAULT_SYSTEM, [fresh(), fresh(), fresh()], null);
    expectRating(plain[0]!, 31.675, 6.656);
    expectRating(plain[1]!, 25.0, 6.208);
    expectRating(plain[2]!, 18.325, 6.656);
  });

  test("two players delegate to rate1v1", () => {
    const a = { mu: 30, sigma: 4 };
    const b = { mu: 22, sigma: 6 };
    expect(rateRanking(DEFAULT_SYSTEM, [a, b], [3, 3])).toEqual(rate1v1(DEFAULT_SYSTEM, a, b, "draw"));
    expect(rateRanking(DEFAULT_SYSTEM, [a, b], [1, 0])).toEqual(rate1v1(DEFAULT_SYSTEM, a, b, "win"));
    expect(rateRanking(DEFAULT_SYSTEM, [a, b])).toEqual(rate1v1(DEFAULT_SYSTEM, a, b, "win"));
  });

  test("one player (or none) is a no-op, even with dynamics", () => {
    fc.assert(
      fc.property(systemArb, ratingArb, fc.boolean(), (system, r, dyn) => {
        const [out] = rateRanking(system, [r], [0], dyn);
        expect(out).toEqual(r);
        expect(out).not.toBe(r);
      }),
    );
    expect(rateRanking(DEFAULT_SYSTEM, [])).toEqual([]);
  });

  test("rejects a ties list of the wrong length", () => {
    expect(() => rateRanking(DEFAULT_SYSTEM, [fresh(), fresh(), fresh()], [0, 1])).toThrow(/tie ids/);
  });

  test("results are finite with σ at or above the floor for any ranking and ties", () => {
    const rankingArb = fc
      .integer({ min: 1, max: 8 })
      .chain((n) =>
        fc.tuple(
          fc.array(ratingArb, { minLength: n, maxLength: n }),
          fc.option(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n })),
        ),
      );
    fc.assert(
      fc.property(systemArb, rankingArb, fc.boolean(), (system, [ratings, ties], dyn) => {
        const out = rateRanking(system, ratings, ties, dyn);
        expect(out).toHaveLength(ratings.length);
        for (const r of out) {
          expect(Number.isFinite(r.mu)).toBe(true);
          expect(Number.isFinite(r.sigma)).toBe(true);
          if (ratings.length > 1) expect(r.sigma).toBeGreaterThanOrEqual(MIN_SIGMA);
        }
      }),
    );
  });

  test("is reusable across sizes (scratch buffers grow) and does not mutate its input", () => {
    const big = Array.from({ length: 40 }, (_, i) => ({ mu: 40 - i / 2, sigma: 3 + (i % 5) }));
    const copy = structuredClone(big);
    const first = rateRanking(DEFAULT_SYSTEM, big);
    rateRanking(DEFAULT_SYSTEM, [fresh(), fresh(), fresh()]);
    expect(rateRanking(DEFAULT_SYSTEM, big)).toEqual(first);
    expect(big).toEqual(copy);
  });
});
