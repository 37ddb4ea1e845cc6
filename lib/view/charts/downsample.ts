/**
 * Deterministic downsampling of per-step series: fixed buckets by step whose width depends only on the
 * run's planned total steps, so a live run and the same run once finished produce the same completed
 * buckets, and runs overlaid with one shared width share bucket boundaries. Each bucket keeps min, max
 * and last (the value at the bucket's highest step), so spikes survive and the line ends on real data.
 * The SQL strategy in lib/server/read/run-series.ts computes exactly this in the database.
 */

/** The most points one series may have on the wire. */
export const MAX_POINTS = 1000;

export interface SeriesPoint {
  step: number;
  value: number;
  /** Milliseconds since the epoch when the step was committed. */
  time: number;
  samples: number;
}

export interface Bucket {
  /** floor(step / width): bucket boundaries are multiples of the width. */
  bucket: number;
  /** Highest step in the bucket that has a value; its time and samples place the point on other axes. */
  step: number;
  min: number;
  max: number;
  last: number;
  time: number;
  samples: number;
}

/**
 * Width (in steps) of every bucket for a run planned to take `totalSteps` steps; at most MAX_POINTS
 * buckets. Steps past the plan (an extended run) only add buckets, never move boundaries.
 */
export function getBucketWidth(totalSteps: number, maxPoints: number = MAX_POINTS): number {
  if (!Number.isFinite(totalSteps) || totalSteps <= maxPoints) return 1;
  return Math.ceil(totalSteps / maxPoints);
}

/** Buckets of one series, ordered by bucket. Non-finite values are skipped (the SQL skips non-numbers). */
export function downsampleSeries(points: readonly SeriesPoint[], width: number): Bucket[] {
  if (!Number.isInteger(width) || width < 1)
    throw new RangeError(`bucket width must be a positive integer, got ${width}`);
  const buckets = new Map<number, Bucket>();
  for (const p of points) {
    if (!Number.isFinite(p.value)) continue;
    const index = Math.floor(p.step / width);
    const b = buckets.get(index);
    if (!b) {
      buckets.set(index, {
        bucket: index,
        step: p.step,
        min: p.value,
        max: p.value,
        last: p.value,
        time: p.time,
        samples: p.samples,
      });
      continue;
    }
    b.min = Math.min(b.min, p.value);
    b.max = Math.max(b.max, p.value);
    if (p.step >= b.step) Object.assign(b, { step: p.step, last: p.value, time: p.time, samples: p.samples });
  }
  return [...buckets.values()].sort((a, b) => a.bucket - b.bucket);
}

/** Whether a bucket can no longer change: every step it covers is at or below the last committed step. */
export function isBucketComplete(bucket: number, width: number, lastStep: number): boolean {
  return (bucket + 1) * width - 1 <= lastStep;
}
