import { describe, expect, test } from "vitest";
import {
  aggregateAligned,
  computeMeanInterval,
  computePairedDifference,
  intervalFromMoments,
} from "./statistics";
import { logGamma, regularizedIncompleteBeta, studentTCdf, studentTQuantile } from "./student-t";

describe("Student t", () => {
  test("quantiles match the printed table at several degrees of freedom", () => {
    // Two-sided 95% (p = 0.975) critical values from any t table, to 6+ digits.
    const table: [number, number][] = [
      [1, 12.7062047],
      [2, 4.30265273],
      [3, 3.18244631],
      [4, 2.77644511],
      [5, 2.57058184],
      [9, 2.26215716],
      [10, 2.22813885],
      [19, 2.09302405],
      [30, 2.04227246],
      [120, 1.97993041],
    ];
    for (const [dof, value] of table) expect(studentTQuantile(0.975, dof)).toBeCloseTo(value, 6);
    // Other levels: one-sided 95% at 4 dof, 99% two-sided at 9 dof, and the lower tail by symmetry.
    expect(studentTQuantile(0.95, 4)).toBeCloseTo(2.13184679, 6);
    expect(studentTQuantile(0.995, 9)).toBeCloseTo(3.24983554, 6);
    expect(studentTQuantile(0.025, 5)).toBeCloseTo(-2.57058184, 6);
    // Towards the normal: z_{0.975} = 1.959964.
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959964, 4);
  });

  test("the CDF and its building blocks at values known in closed form", () => {
    expect(studentTCdf(0, 7)).toBe(0.5);
    // dof 1 is the Cauchy distribution: P(T ≤ 1) = 1/2 + atan(1)/π = 0.75.
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 12);
    // dof 2: P(T ≤ t) = 1/2 + t / (2 √(t² + 2)).
    expect(studentTCdf(1.5, 2)).toBeCloseTo(0.5 + 1.5 / (2 * Math.sqrt(1.5 ** 2 + 2)), 12);
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(regularizedIncompleteBeta(0.5, 4, 4)).toBeCloseTo(0.5, 12);
    // I_x(a, 1) = x^a.
    expect(regularizedIncompleteBeta(0.7, 3, 1)).toBeCloseTo(0.343, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });

  test("bad arguments are refused", () => {
    expect(() => studentTQuantile(1, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError);
  });
});

describe("computeMeanInterval", () => {
  test("1..5: mean 3, s = √2.5, half-width t(4) · s / √5, by hand", () => {
    const r = computeMeanInterval([1, 2, 3, 4, 5])!;
    const half = (2.77644511 * Math.sqrt(2.5)) / Math.sqrt(5); // 1.9632432
    expect(r.n).toBe(5);
    expect(r.mean).toBe(3);
    expect(r.sd).toBeCloseTo(1.58113883, 8);
    expect(r.lower).toBeCloseTo(3 - half, 6);
    expect(r.upper).toBeCloseTo(3 + half, 6);
    expect(r.lower).toBeCloseTo(1.0367568, 6);
  });

  test("two runs: one degree of freedom, a wide interval", () => {
    const r = computeMeanInterval([0.2, 0.4])!;
    expect(r.mean).toBeCloseTo(0.3, 12);
    expect(r.lower).toBeCloseTo(0.3 - 1.27062047, 6);
    expect(r.upper).toBeCloseTo(0.3 + 1.27062047, 6);
  });

  test("from moments computed elsewhere: the same interval", () => {
    expect(intervalFromMoments(5, 3, Math.sqrt(2.5))).toEqual(computeMeanInterval([1, 2, 3, 4, 5]));
    expect(intervalFromMoments(1, 0.4, null)).toEqual({
      n: 1,
      mean: 0.4,
      lower: null,
      upper: null,
      sd: null,
    });
  });

  test("one run has a mean and no interval; none has nothing; non-finite values are left out", () => {
    expect(computeMeanInterval([0.7])).toEqual({ n: 1, mean: 0.7, lower: null, upper: null, sd: null });
    expect(computeMeanInterval([])).toBeNull();
    expect(computeMeanInterval([Number.NaN, 1, 3])).toMatchObject({ n: 2, mean: 2 });
  });
});

describe("aggregateAligned", () => {
  test("means at each x over the runs that reach it", () => {
    const points = aggregateAligned([
      [
        { x: 0, y: 0.1 },
        { x: 10, y: 0.3 },
        { x: 20, y: 0.5 },
      ],
      [
        { x: 0, y: 0.3 },
        { x: 10, y: 0.5 },
      ],
      [
        { x: 10, y: 0.4 },
        { x: 0, y: 0.2 },
      ],
    ]);
    expect(points.map((p) => [p.x, p.n])).toEqual([
      [0, 3],
      [10, 3],
      [20, 1],
    ]);
    expect(points[0]!.mean).toBeCloseTo(0.2, 12);
    // s = 0.1 over three runs: half-width t(2) · 0.1 / √3.
    expect(points[1]!.upper! - points[1]!.mean).toBeCloseTo((4.30265273 * 0.1) / Math.sqrt(3), 6);
    expect(points[2]).toMatchObject({ x: 20, n: 1, mean: 0.5, lower: null });
  });
});

describe("computePairedDifference", () => {
  test("R's documented paired t-test on the sleep data: mean −1.58, 95% CI [−2.4598858, −0.7001142]", () => {
    const g1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const g2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    const a = new Map(g1.map((v, i) => [i + 1, v]));
    const b = new Map(g2.map((v, i) => [i + 1, v]));
    const d = computePairedDifference(a, b)!;
    expect(d.n).toBe(10);
    expect(d.mean).toBeCloseTo(-1.58, 10);
    expect(d.lower).toBeCloseTo(-2.4598858, 6);
    expect(d.upper).toBeCloseTo(-0.7001142, 6);
  });

  test("only seeds both groups ran are paired", () => {
    const d = computePairedDifference(
      new Map([
        [1, 0.5],
        [2, 0.7],
        [3, 0.9],
      ]),
      new Map([
        [2, 0.4],
        [3, 0.5],
        [4, 0.0],
      ]),
    )!;
    expect(d.seeds).toEqual([2, 3]);
    expect(d.mean).toBeCloseTo(0.35, 12);
    // differences 0.3, 0.4: s = 0.0707107, half-width t(1) · s / √2 = 12.7062047 · 0.05.
    expect(d.upper! - d.mean).toBeCloseTo(12.7062047 * 0.05, 6);
    expect(computePairedDifference(new Map([[1, 1]]), new Map([[2, 1]]))).toBeNull();
  });
});
