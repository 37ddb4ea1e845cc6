/**
 * The statistics of a group of runs: each run is one unit, so a group of n runs has n − 1 degrees of
 * freedom. Means carry a 95% Student-t confidence interval; with one run there is no interval (null).
 */
import { criticalT95 } from "./student-t";

export interface MeanInterval {
  n: number;
  mean: number;
  /** Null when n < 2: one run says nothing about the spread. */
  lower: number | null;
  upper: number | null;
  /** Sample standard deviation (n − 1 in the denominator); null when n < 2. */
  sd: number | null;
}

/** Mean ± t_{0.975, n−1} · s / √n over the finite values; null when there are none. */
export function computeMeanInterval(values: readonly number[]): MeanInterval | null {
  const finite = values.filter(Number.isFinite);
  const n = finite.length;
  if (n === 0) return null;
  let sum = 0;
  for (const v of finite) sum += v;
  const mean = sum / n;
  if (n < 2) return { n, mean, lower: null, upper: null, sd: null };
  let squares = 0;
  for (const v of finite) squares += (v - mean) ** 2;
  return intervalFromMoments(n, mean, Math.sqrt(squares / (n - 1)));
}

/** The same interval from a count, mean and sample standard deviation computed elsewhere (the database). */
export function intervalFromMoments(n: number, mean: number, sd: number | null): MeanInterval {
  if (n < 2 || sd === null) return { n, mean, lower: null, upper: null, sd: null };
  const half = (criticalT95(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, lower: mean - half, upper: mean + half, sd };
}

export interface AlignedPoint {
  x: number;
  y: number;
}

export interface AggregatePoint extends MeanInterval {
  x: number;
}

/**
 * Mean and interval at every x any run has a value at; each point counts the runs that have that x
 * (a run still going contributes to the early points only), so n is reported per point.
 */
export function aggregateAligned(series: readonly (readonly AlignedPoint[])[]): AggregatePoint[] {
  const byX = new Map<number, number[]>();
  for (const points of series)
    for (const { x, y } of points) {
      if (!Number.isFinite(y)) continue;
      const values = byX.get(x);
      if (values) values.push(y);
      else byX.set(x, [y]);
    }
  return [...byX.entries()]
    .sort(([a], [b]) => a - b)
    .map(([x, values]) => ({ x, ...computeMeanInterval(values)! }));
}

export interface PairedDifference extends MeanInterval {
  /** The seeds both groups have, in ascending order: the pairs the difference is over. */
  seeds: number[];
}

/**
 * The mean of a − b over the seeds both groups ran, with the t-interval of that mean (a paired t
 * interval: seed-to-seed variation common to both groups cancels). Null when no seed is shared.
 */
export function computePairedDifference(
  a: ReadonlyMap<number, number>,
  b: ReadonlyMap<number, number>,
): PairedDifference | null {
  const seeds = [...a.keys()].filter(
    (seed) => b.has(seed) && Number.isFinite(a.get(seed)!) && Number.isFinite(b.get(seed)!),
  );
  seeds.sort((x, y) => x - y);
  const interval = computeMeanInterval(seeds.map((seed) => a.get(seed)! - b.get(seed)!));
  return interval === null ? null : { ...interval, seeds };
}
