import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { correctFactor, normalCdf, normalPdf, normalQuantile, vDraw, vWin, wDraw, wWin } from "./normal-math";

describe("normal helpers", () => {
  test("pdf and cdf at known points", () => {
    expect(normalPdf(0)).toBeCloseTo(0.3989422804014327, 15);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 15);
  });

  test("Phi keeps the reference's cancellation for large negative x", () => {
    // 0.5·(1 + erf) only resolves multiples of 2^-54 near 0, so Φ(−8) ≈ 6.22e-16 comes out as a
    // multiple of 2^-54 instead of the exact value — the reference does the same.
    expect(normalCdf(-8) % 2 ** -54).toBe(0);
    expect(normalCdf(-40)).toBe(0);
  });

  test("Phi_inv is Acklam's unrefined approximation, clamped outside (0, 1)", () => {
    expect(normalQuantile(0.55)).toBe(0.12566134687610309);
    expect(normalQuantile(0)).toBe(-10);
    expect(normalQuantile(-1)).toBe(-10);
    expect(normalQuantile(1)).toBe(10);
    expect(normalQuantile(0.5)).toBe(0);
    // All three branches stay within Acklam's 1.15e-9 relative error of the true quantile.
    const exact: [number, number][] = [
      [1e-6, -4.753424308822899],
      [0.01, -2.326347874040841],
      [0.3, -0.5244005127080408],
      [0.9, 1.2815515655446006],
      [0.99, 2.3263478740408408],
    ];
    for (const [p, x] of exact) expect(Math.abs(normalQuantile(p) - x) / Math.abs(x)).toBeLessThan(1.2e-9);
  });

  test("v/w guards", () => {
    expect(vDraw(0.3, 0)).toBe(0);
    expect(wDraw(0.3, 1e-16)).toBe(0);
    expect(vWin(-50, 0)).toBe(50); // Φ underflows: fall back to ε − t
    expect(wWin(-50, 0)).toBe(0); // v·(v + t − ε) is exactly 0 on that fallback
    expect(wWin(-3, 5)).toBeLessThan(1); // clamped below 1
    expect(wWin(50, 0)).toBe(0);
  });

  test("closed forms at t = 0", () => {
    // No margin: v = φ(0)/Φ(0) = √(2/π), w = v².
    expect(vWin(0, 0)).toBeCloseTo(Math.sqrt(2 / Math.PI), 15);
    expect(wWin(0, 0)).toBeCloseTo(2 / Math.PI, 15);
    // A draw between equals moves no mean; for a narrow margin 1 − w ≈ ε²/3 (variance of U[−ε, ε]).
    const e = 0.01;
    expect(vDraw(0, e)).toBe(0);
    expect(wDraw(0, e)).toBeCloseTo(1 - (e * e) / 3, 6);
  });

  test("correctFactor equals the separate v/w functions", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -12, max: 12, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.boolean(),
        (t, e, draw) => {
          const { v, w } = correctFactor(t, e, draw);
          expect(v).toBe(draw ? vDraw(t, e) : vWin(t, e));
          expect(w).toBe(draw ? wDraw(t, e) : wWin(t, e));
        },
      ),
    );
  });

  test("corrections are finite and w of a win stays in [0, 1)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -40, max: 40, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (t, e) => {
          const w = wWin(t, e);
          expect(w).toBeGreaterThanOrEqual(0);
          expect(w).toBeLessThan(1);
          for (const x of [vWin(t, e), vDraw(t, e), wDraw(t, e)]) expect(Number.isFinite(x)).toBe(true);
        },
      ),
    );
  });
});
