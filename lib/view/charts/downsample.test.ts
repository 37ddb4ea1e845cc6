import { describe, expect, test } from "vitest";
import {
  downsampleSeries,
  getBucketWidth,
  isBucketComplete,
  MAX_POINTS,
  type SeriesPoint,
} from "./downsample";

function makePoints(
  n: number,
  valueAt: (step: number) => number = (s) => Math.sin(s / 7) * 10 + (s % 13),
): SeriesPoint[] {
  return Array.from({ length: n }, (_, step) => ({
    step,
    value: valueAt(step),
    time: 1_000 + step * 50,
    samples: step * 32,
  }));
}

describe("getBucketWidth", () => {
  test("one step per bucket up to the point limit", () => {
    expect(getBucketWidth(0)).toBe(1);
    expect(getBucketWidth(250)).toBe(1);
    expect(getBucketWidth(MAX_POINTS)).toBe(1);
  });
  test("wider buckets keep the count within the limit", () => {
    expect(getBucketWidth(1001)).toBe(2);
    expect(getBucketWidth(2500)).toBe(3);
    for (const total of [1001, 1999, 2500, 10_000, 123_457]) {
      expect(Math.ceil(total / getBucketWidth(total))).toBeLessThanOrEqual(MAX_POINTS);
    }
  });
});

describe("downsampleSeries", () => {
  test("empty input gives no buckets", () => {
    expect(downsampleSeries([], 3)).toEqual([]);
  });

  test("width 1 keeps every point as its own bucket", () => {
    const points = makePoints(5);
    expect(downsampleSeries(points, 1).map((b) => [b.step, b.min, b.max, b.last])).toEqual(
      points.map((p) => [p.step, p.value, p.value, p.value]),
    );
  });

  test("each bucket keeps min, max and the last value with its time and samples", () => {
    const values = [5, -2, 9, 1, 4, 4, 7];
    const points = makePoints(values.length, (s) => values[s] ?? 0);
    expect(downsampleSeries(points, 3)).toEqual([
      { bucket: 0, step: 2, min: -2, max: 9, last: 9, time: 1_100, samples: 64 },
      { bucket: 1, step: 5, min: 1, max: 4, last: 4, time: 1_250, samples: 160 },
      { bucket: 2, step: 6, min: 7, max: 7, last: 7, time: 1_300, samples: 192 },
    ]);
  });

  test("a 2,500-step run stays within 1,000 points and keeps its extremes", () => {
    const points = makePoints(2500);
    points[1234] = { ...points[1234]!, value: 1e6 };
    points[77] = { ...points[77]!, value: -1e6 };
    const buckets = downsampleSeries(points, getBucketWidth(2500));
    expect(buckets.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(Math.max(...buckets.map((b) => b.max))).toBe(1e6);
    expect(Math.min(...buckets.map((b) => b.min))).toBe(-1e6);
    expect(buckets.at(-1)?.last).toBe(points.at(-1)?.value);
  });

  test("a live prefix and the finished run agree on every completed bucket", () => {
    const total = 2500;
    const width = getBucketWidth(total);
    const finished = downsampleSeries(makePoints(total), width);
    for (const lastStep of [0, 1, 2, 500, 1501, 2498]) {
      const live = downsampleSeries(makePoints(lastStep + 1), width);
      const complete = live.filter((b) => isBucketComplete(b.bucket, width, lastStep));
      expect(complete.length).toBeGreaterThanOrEqual(Math.floor((lastStep + 1) / width));
      expect(complete).toEqual(finished.slice(0, complete.length));
    }
  });

  test("input order does not matter and non-finite values are skipped", () => {
    const points = makePoints(30);
    const shuffled = [...points].reverse();
    shuffled.push({ step: 31, value: Number.NaN, time: 0, samples: 0 });
    expect(downsampleSeries(shuffled, 4)).toEqual(downsampleSeries(points, 4));
  });

  test("sparse series (a metric only some steps log) bucket by step, not by index", () => {
    const points = makePoints(20).filter((p) => p.step % 5 === 0);
    expect(downsampleSeries(points, 10).map((b) => [b.bucket, b.step])).toEqual([
      [0, 5],
      [1, 15],
    ]);
  });

  test("refuses a width that is not a positive integer", () => {
    expect(() => downsampleSeries(makePoints(3), 0)).toThrow(RangeError);
    expect(() => downsampleSeries(makePoints(3), 1.5)).toThrow(RangeError);
  });
});
