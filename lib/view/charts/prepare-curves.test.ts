import { describe, expect, test } from "vitest";
import { NO_POSITIONS, type AxisPositions } from "./axis-positions";
import type { Bucket } from "./downsample";
import { groupCurveKeys, mapBucketX, placeMarkers, prepareCurve, smoothEma } from "./prepare-curves";

const b = (step: number, last: number, min = last, max = last): Bucket => ({
  bucket: step,
  step,
  min,
  max,
  last,
  time: 10_000 + step * 1500,
  samples: step * 40,
});

describe("smoothEma", () => {
  test("0 returns the raw values", () => {
    expect(smoothEma([1, 5, 2], 0)).toEqual([1, 5, 2]);
  });
  test("debiased: the first value is the raw one and a constant stays constant", () => {
    const s = smoothEma([4, 4, 4, 4], 0.9);
    for (const v of s) expect(v).toBeCloseTo(4, 12);
  });
  test("smooths a step change towards the new level", () => {
    const s = smoothEma([0, 0, 1, 1, 1], 0.5);
    expect(s[0]).toBe(0);
    expect(s[2]).toBeGreaterThan(0);
    expect(s[2]).toBeLessThan(1);
    expect(s[4]).toBeGreaterThan(s[3]!);
  });
  test("refuses out-of-range smoothing and handles empty input", () => {
    expect(() => smoothEma([1], 1)).toThrow(RangeError);
    expect(() => smoothEma([1], -0.1)).toThrow(RangeError);
    expect(smoothEma([], 0.5)).toEqual([]);
  });
});

// Cumulative positions of steps 0..4: 40 samples a step, tokens recorded only up to step 2, 1.5 s a step.
const positions: AxisPositions = {
  steps: [0, 1, 2, 3, 4],
  samples: [40, 80, 120, 160, 200],
  tokens: [900, 1800, 2700, null, null],
  seconds: [1.5, 3, 4.5, 6, 7.5],
};

describe("mapBucketX", () => {
  test("maps a bucket's last step to the step or to the cumulative totals at it", () => {
    expect(mapBucketX(b(3, 0), "step", positions)).toBe(3);
    expect(mapBucketX(b(3, 0), "samples", positions)).toBe(160);
    expect(mapBucketX(b(2, 0), "tokens", positions)).toBe(2700);
    expect(mapBucketX(b(3, 0), "time", positions)).toBe(6);
  });
  test("is null where the total is not recorded or the step has no position", () => {
    expect(mapBucketX(b(3, 0), "tokens", positions)).toBeNull();
    expect(mapBucketX(b(9, 0), "samples", positions)).toBeNull();
    expect(mapBucketX(b(9, 0), "step", positions)).toBe(9);
  });
});

describe("prepareCurve", () => {
  test("keeps raw value and min/max band beside the smoothed value", () => {
    const curve = prepareCurve("rollout/x", [b(0, 0.5, 0.1, 0.9), b(1, 0.7, 0.2, 0.8)], "step", 0, positions);
    expect(curve.points).toEqual([
      { x: 0, step: 0, value: 0.5, raw: 0.5, band: [0.1, 0.9] },
      { x: 1, step: 1, value: 0.7, raw: 0.7, band: [0.2, 0.8] },
    ]);
  });
  test("places points at cumulative samples (not each step's count)", () => {
    const curve = prepareCurve("rollout/x", [b(0, 0.1), b(1, 0.2), b(4, 0.3)], "samples", 0, positions);
    expect(curve.points.map((p) => p.x)).toEqual([40, 80, 200]);
  });
  test("drops points without a position instead of drawing them at 0, smoothing over all of them", () => {
    const buckets = [b(0, 0), b(1, 1), b(2, 1), b(3, 1)];
    const onTokens = prepareCurve("rollout/x", buckets, "tokens", 0.5, positions);
    const onSteps = prepareCurve("rollout/x", buckets, "step", 0.5, positions);
    expect(onTokens.points.map((p) => p.x)).toEqual([900, 1800, 2700]);
    expect(onTokens.points.map((p) => p.value)).toEqual(onSteps.points.slice(0, 3).map((p) => p.value));
    expect(prepareCurve("rollout/x", buckets, "tokens", 0, NO_POSITIONS).points).toEqual([]);
  });
});

describe("placeMarkers", () => {
  const events = [
    { step: 3, kind: "mutation" as const, status: "ok" as const },
    { step: 3, kind: "mutation" as const, status: "ok" as const },
    { step: 1, kind: "crossover" as const, status: "failed" as const },
    { step: 3, kind: "crossover" as const, status: "ok" as const },
  ];
  test("one marker per step and kind, failures separate, sorted by step", () => {
    expect(placeMarkers(events, "step")).toEqual([
      { step: 1, kind: "failed", count: 1 },
      { step: 3, kind: "crossover", count: 1 },
      { step: 3, kind: "mutation", count: 2 },
    ]);
  });
  test("no markers off the step axis", () => {
    expect(placeMarkers(events, "time")).toEqual([]);
  });
});

test("groupCurveKeys splits train and test keys, each in metric order", () => {
  expect(
    groupCurveKeys(["testing/Pass@10", "rollout/b", "testing/Pass@2", "testing/Pass@1", "rollout/a"]),
  ).toEqual({
    train: ["rollout/a", "rollout/b"],
    test: ["testing/Pass@1", "testing/Pass@2", "testing/Pass@10"],
  });
});
