/**
 * What an evaluation grid says. Per cell: Pass@k (the unbiased estimator, averaged over problems), mean
 * reward, n and a 95% confidence interval. Across cells: the decomposition of the final gain over the base
 * (weights only, prompt only, both, interaction) and the per-problem flips between two cells.
 *
 * Intervals are Student-t intervals over per-problem means (dof = problems − 1), not over samples: the
 * samples of one problem are correlated, so the problem is the unit. Contrasts between cells are paired
 * by problem (every cell grades the same problems), which is what makes their intervals narrow.
 */
import { computePassAtK } from "@/lib/espl/pass-at-k";
import { criticalT95 } from "@/lib/view/experiments/student-t";

export interface Interval {
  low: number;
  high: number;
}

export interface CellStats {
  /** Graded samples. */
  n: number;
  problems: number;
  meanReward: number;
  /** 95% t-interval of the mean reward; null with fewer than 2 problems. */
  ci: Interval | null;
  /** "Pass@1" … "Pass@T". */
  passAtK: Record<string, number>;
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Mean ± t_{0.975, m−1} · s/√m; null when m < 2. */
export function computeTInterval(values: readonly number[]): Interval | null {
  const m = values.length;
  if (m < 2) return null;
  const centre = mean(values);
  let squares = 0;
  for (const v of values) squares += (v - centre) ** 2;
  const half = (criticalT95(m - 1) * Math.sqrt(squares / (m - 1))) / Math.sqrt(m);
  return { low: centre - half, high: centre + half };
}

export function computeProblemMeans(rewards: readonly (readonly number[])[]): number[] {
  return rewards.map((row) => (row.length > 0 ? mean(row) : 0));
}

/** Stats of one cell from its rewards [problem][sample] (every problem with the same sample count). */
export function computeCellStats(rewards: readonly (readonly number[])[]): CellStats {
  const samples = rewards[0]?.length ?? 0;
  const n = rewards.reduce((s, row) => s + row.length, 0);
  const passAtK: Record<string, number> = {};
  if (rewards.length > 0 && samples > 0 && rewards.every((row) => row.length === samples))
    for (let k = 1; k <= samples; k++)
      passAtK[`Pass@${k}`] = mean(
        rewards.map((row) =>
          computePassAtK(
            samples,
            row.reduce((s, r) => s + r, 0),
            k,
          ),
        ),
      );
  let total = 0;
  for (const row of rewards) for (const r of row) total += r;
  return {
    n,
    problems: rewards.length,
    meanReward: n > 0 ? total / n : 0,
    ci: computeTInterval(computeProblemMeans(rewards)),
    passAtK,
  };
}

export interface Effect {
  estimate: number;
  ci: Interval | null;
}

export interface Decomposition {
  /** final weights + root prompt − base weights + root prompt */
  weightsOnly: Effect;
  /** base weights + best prompt − base + root */
  promptOnly: Effect;
  /** final + best − base + root */
  both: Effect;
  /** both − weights only − prompt only */
  interaction: Effect;
}

function pairedEffect(contrast: number[]): Effect {
  return { estimate: contrast.length > 0 ? mean(contrast) : 0, ci: computeTInterval(contrast) };
}

/**
 * From the per-problem mean rewards of the four corner cells (same problems, same order). Throws when
 * their problem counts differ: the contrasts are paired by problem.
 */
export function decomposeGain(corners: {
  baseRoot: readonly number[];
  finalRoot: readonly number[];
  baseBest: readonly number[];
  finalBest: readonly number[];
}): Decomposition {
  const { baseRoot: a, finalRoot: b, baseBest: c, finalBest: d } = corners;
  const m = a.length;
  if (b.length !== m || c.length !== m || d.length !== m)
    throw new RangeError("the four cells must grade the same problems");
  const at = (f: (i: number) => number) => Array.from({ length: m }, (_, i) => f(i));
  return {
    weightsOnly: pairedEffect(at((i) => b[i]! - a[i]!)),
    promptOnly: pairedEffect(at((i) => c[i]! - a[i]!)),
    both: pairedEffect(at((i) => d[i]! - a[i]!)),
    interaction: pairedEffect(at((i) => d[i]! - b[i]! - c[i]! + a[i]!)),
  };
}

export interface Flip {
  problemIndex: number;
  /** Mean reward in the first and in the second cell. */
  from: number;
  to: number;
  /** "gained": solved by the second cell only; "lost": by the first only. */
  kind: "gained" | "lost";
}

/** A problem counts as solved by a cell when at least half its samples are right (mean reward ≥ ½). */
export const SOLVED_AT = 0.5;

export function findFlips(first: readonly number[], second: readonly number[]): Flip[] {
  if (first.length !== second.length) throw new RangeError("the two cells must grade the same problems");
  const flips: Flip[] = [];
  first.forEach((from, problemIndex) => {
    const to = second[problemIndex]!;
    const a = from >= SOLVED_AT;
    const b = to >= SOLVED_AT;
    if (a !== b) flips.push({ problemIndex, from, to, kind: b ? "gained" : "lost" });
  });
  return flips;
}
