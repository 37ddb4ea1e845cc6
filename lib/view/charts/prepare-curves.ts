/**
 * Pure preparation of success curves for the chart components: x-axis mapping, EMA smoothing (the raw
 * value is kept beside it so the chart can draw it faintly), min/max bands and evolution markers. The
 * components only render what these return.
 */
import { sortMetricKeys } from "@/lib/domain/metrics/metric-order";
import type { Bucket } from "./downsample";
import { positionLookup, type AxisPositions, type XAxis } from "./axis-positions";

/**
 * Position of a bucket on the chosen axis: its step, or the cumulative samples, tokens or seconds at
 * its last step; null where the run did not record that axis.
 */
export function mapBucketX(bucket: Bucket, axis: XAxis, positions: AxisPositions): number | null {
  return positionLookup(positions, axis)(bucket.step);
}

/**
 * Exponential moving average with weight `smoothing` on the past (0 = raw, < 1), debiased so the
 * curve does not start near zero.
 */
export function smoothEma(values: readonly number[], smoothing: number): number[] {
  if (smoothing < 0 || smoothing >= 1) throw new RangeError(`smoothing must be in [0, 1), got ${smoothing}`);
  let acc = 0;
  let weight = 0;
  return values.map((v) => {
    acc = smoothing * acc + (1 - smoothing) * v;
    weight = smoothing * weight + (1 - smoothing);
    return acc / weight;
  });
}

export interface CurvePoint {
  x: number;
  step: number;
  value: number;
  raw: number;
  band: [number, number];
}

export interface Curve {
  key: string;
  points: CurvePoint[];
}

export function prepareCurve(
  key: string,
  buckets: readonly Bucket[],
  axis: XAxis,
  smoothing: number,
  positions: AxisPositions,
): Curve {
  const smoothed = smoothEma(
    buckets.map((b) => b.last),
    smoothing,
  );
  const xOf = positionLookup(positions, axis);
  // Smoothed over every bucket first, so dropping points without a position (an axis the run stopped
  // recording part-way) leaves the others where the step axis has them.
  const points: CurvePoint[] = [];
  buckets.forEach((b, i) => {
    const x = xOf(b.step);
    if (x !== null)
      points.push({ x, step: b.step, value: smoothed[i] ?? b.last, raw: b.last, band: [b.min, b.max] });
  });
  return { key, points };
}

export interface MarkerInput {
  step: number;
  kind: "mutation" | "crossover";
  status: "ok" | "failed";
}

export interface Marker {
  step: number;
  kind: "mutation" | "crossover" | "failed";
  count: number;
}

/**
 * Evolution events as markers on the step axis: one per (step, kind), failures of either operator as
 * their own kind so they stand out. Only the step axis carries markers (events have no sample count).
 */
export function placeMarkers(events: readonly MarkerInput[], axis: XAxis): Marker[] {
  if (axis !== "step") return [];
  const byKey = new Map<string, Marker>();
  for (const e of events) {
    const kind = e.status === "failed" ? "failed" : e.kind;
    const key = `${e.step}:${kind}`;
    const m = byKey.get(key);
    if (m) m.count += 1;
    else byKey.set(key, { step: e.step, kind, count: 1 });
  }
  return [...byKey.values()].sort((a, b) => a.step - b.step || a.kind.localeCompare(b.kind));
}

/** Train and test keys that exist in the run, grouped for the two charts, in metric order. */
export function groupCurveKeys(unordered: readonly string[]): { train: string[]; test: string[] } {
  const keys = sortMetricKeys(unordered);
  return {
    train: keys.filter((k) => k.startsWith("rollout/")),
    test: keys.filter((k) => k.startsWith("testing/")),
  };
}
