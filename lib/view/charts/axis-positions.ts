/**
 * Where a run's charted steps lie on the x-axes other than "step": cumulative samples, cumulative tokens
 * and wall-clock seconds since the run's first step, as of the end of each step. The server computes them
 * from stored per-step rows (lib/server/read/axis-positions.ts) for the steps the downsampled series
 * end their buckets on; a value the run did not record is null, so the chart says so instead of
 * drawing zeros.
 */

export const X_AXES = ["step", "samples", "tokens", "time"] as const;
export type XAxis = (typeof X_AXES)[number];

export const X_AXIS_LABEL: Record<XAxis, string> = {
  step: "step",
  samples: "samples (cumulative)",
  tokens: "tokens (cumulative)",
  time: "wall-clock time (s)",
};

/** What a chart names when a run has no value on an axis. */
const RECORDED_AS: Record<Exclude<XAxis, "step">, string> = {
  samples: "Samples",
  tokens: "Tokens",
  time: "Wall-clock time",
};

/** Aligned arrays, steps ascending; each value is the total up to and including that step. */
export interface AxisPositions {
  steps: number[];
  samples: (number | null)[];
  tokens: (number | null)[];
  seconds: (number | null)[];
}

export const NO_POSITIONS: AxisPositions = { steps: [], samples: [], tokens: [], seconds: [] };

function columnOf(positions: AxisPositions, axis: Exclude<XAxis, "step">): (number | null)[] {
  return axis === "samples" ? positions.samples : axis === "tokens" ? positions.tokens : positions.seconds;
}

/** A step's position on `axis`; null where the run has no value for it there (or the step is unknown). */
export function positionLookup(positions: AxisPositions, axis: XAxis): (step: number) => number | null {
  if (axis === "step") return (step) => step;
  const column = columnOf(positions, axis);
  const byStep = new Map(positions.steps.map((s, i) => [s, column[i] ?? null]));
  return (step) => byStep.get(step) ?? null;
}

/** Whether the run has any value on `axis` (step always has). */
export function axisRecorded(positions: AxisPositions, axis: XAxis): boolean {
  return axis === "step" || columnOf(positions, axis).some((v) => v !== null);
}

/**
 * Running totals that never left zero mean the counter was not kept (a step always samples, and
 * sampling always costs tokens): the whole column becomes "not recorded" rather than a flat line at 0.
 */
export function blankUnrecorded(totals: readonly (number | null)[]): (number | null)[] {
  return totals.some((v) => v !== null && v > 0) ? [...totals] : totals.map(() => null);
}

/**
 * Running totals from `fromStep` on become unknown: a step some of whose calls came back without
 * token counts makes every total that includes it a partial sum, which must not be drawn as a position.
 */
export function unknownFrom(
  steps: readonly number[],
  totals: readonly (number | null)[],
  fromStep: number | null,
): (number | null)[] {
  return totals.map((v, i) => (fromStep !== null && steps[i]! >= fromStep ? null : v));
}

/** The steps whose positions a set of downsampled series needs: every bucket's last step, ascending. */
export function bucketSteps(series: Iterable<readonly { step: number }[]>): number[] {
  const steps = new Set<number>();
  for (const buckets of series) for (const b of buckets) steps.add(b.step);
  return [...steps].sort((a, b) => a - b);
}

/** The note of a run's chart on `axis`: null when the run has values there, else that it has none. */
export function describeRunAxis(positions: AxisPositions, axis: XAxis): string | null {
  if (axis === "step") return null;
  if (!axisRecorded(positions, axis)) return `${RECORDED_AS[axis]} not recorded for this run.`;
  // Known up to a step, then unknown: the curve stops there, and the note says why.
  const column = columnOf(positions, axis);
  const gap = column.findIndex((v, i) => v === null && column.slice(0, i).some((u) => u !== null));
  return gap === -1 ? null : `${RECORDED_AS[axis]} not recorded from step ${positions.steps[gap]} on.`;
}

/**
 * The note of an overlay whose runs lack `axis`: null when every drawn run has it, else which runs are
 * left out (they have no curve on this axis rather than one flat at zero).
 */
export function describeMissingAxis(
  runs: readonly { name: string; axes: AxisPositions; series: readonly unknown[] }[],
  axis: XAxis,
): string | null {
  if (axis === "step") return null;
  const missing = runs.filter((r) => r.series.length > 0 && !axisRecorded(r.axes, axis)).map((r) => r.name);
  if (missing.length === 0) return null;
  return `${RECORDED_AS[axis]} not recorded for ${missing.join(", ")}: not drawn on this axis.`;
}
