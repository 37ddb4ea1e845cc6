import { expect, test } from "vitest";
import { prepareSparkline } from "./prepare-sparkline";

test("a sparkline starts at the prior, steps through updates and spans the band", () => {
  const s = prepareSparkline(
    [
      { step: 4, muBefore: 25, sigmaBefore: 8, mu: 27, sigma: 6 },
      { step: 9, muBefore: 27, sigmaBefore: 6, mu: 29, sigma: 4 },
    ],
    100,
    20,
    1,
  );
  expect(s.lo).toBe(17); // 25 − 8
  expect(s.hi).toBe(33); // 29 + 4 and 25 + 8
  // x: steps 3 (the prior), 4, 9 over 0..100; y: μ 25 → 10, 27 → 7.5, 29 → 5.
  expect(s.line).toBe("M0,10H16.67V7.5H100V5");
  expect(s.band.startsWith("M0,0")).toBe(true);
  expect(s.band.endsWith("Z")).toBe(true);
});

test("no points, no paths; one point still draws", () => {
  expect(prepareSparkline([], 10, 10)).toEqual({ line: "", band: "", lo: 0, hi: 0 });
  const one = prepareSparkline([{ step: 0, muBefore: 25, sigmaBefore: 8, mu: 25, sigma: 8 }], 10, 10);
  expect(one.line).toMatch(/^M0,5H10V5$/);
});
