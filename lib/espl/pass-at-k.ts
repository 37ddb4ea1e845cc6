/**
 * Unbiased pass@k estimator (SPEC §3.3). The reference multiplies the per-draw miss ratios one at a time
 * in float64 and only then subtracts from 1; doing it in the same order reproduces its results bit for
 * bit, which matters because the rollout/test metrics are built on top of these values.
 */

function assertCountArgs(n: number, c: number): void {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`pass@k: n must be a non-negative integer, got ${n}`);
  // `c` is a sum of float rewards in the reference (e.g. 3.0), so only its range is checked.
  if (!Number.isFinite(c) || c < 0 || c > n) throw new RangeError(`pass@k: c must lie in [0, n], got ${c}`);
}

/**
 * Probability that at least one of `k` samples drawn without replacement from `n` samples, `c` of which
 * are correct, is correct. Returns exactly 1 when fewer than `k` samples are wrong.
 */
export function computePassAtK(n: number, c: number, k: number): number {
  assertCountArgs(n, c);
  if (!Number.isInteger(k) || k < 0)
    throw new RangeError(`pass@k: k must be a non-negative integer, got ${k}`);
  if (n - c < k) return 1.0;
  let missProbability = 1.0;
  for (let i = 0; i < k; i++) missProbability *= (n - c - i) / (n - i);
  return 1.0 - missProbability;
}

/** pass@k for every k = 1..n, the list the reference builds per group and per test problem. */
export function computePassAtKForRange(n: number, c: number): number[] {
  assertCountArgs(n, c);
  const values: number[] = [];
  for (let k = 1; k <= n; k++) values.push(computePassAtK(n, c, k));
  return values;
}
