import { describe, expect, test } from "vitest";
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

describe("mapBucketX", () => {
  test("maps to step, seconds from the origin, or samples", () => {
    expect(mapBucketX(b(4, 0), "step", 10_000)).toBe(4);
    expect(mapBucketX(b(4, 0), "time", 10_000)).toBe(6);
    expect(mapBucketX(b(4, 0), "samples", 10_000)).toBe(160);
  });
});

describe("prepareCurve", () => {
  test("keeps raw value and min/max band beside the smoothed value", () => {
    const curve = prepareCurve("rollout/x", [b(0, 0.5, 0.1, 0.9), b(1, 0.7, 0.2, 0.8)], "step", 0, 10_000);
    expect(curve.points).toEqual([
      { x: 0, step: 0, value: 0.5, raw: 0.5, band: [0.1, 0.9] },
      { x: 1, step: 1, value: 0.7, raw: 0.7, band: [0.2, 0.8] },
    ]);
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

test("groupCurveKeys splits train and test keys", () => {
  expect(groupCurveKeys(["rollout/a", "testing/Pass@1", "rollout/b"])).toEqual({
    train: ["rollout/a", "rollout/b"],
    test: ["testing/Pass@1"],
  });
});
