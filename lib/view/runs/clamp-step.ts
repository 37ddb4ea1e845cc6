/**
 * A step asked for in a URL (?step=S), brought within the steps a run has committed, so a hand-edited or
 * stale address shows the nearest real step (and says so) instead of "← step 998" on a 78-step run.
 */
export interface ClampedStep {
  /** The step to show. */
  step: number;
  /** The step the URL asked for, when it lay outside [first, last]; null when it was shown as asked. */
  requested: number | null;
}

export function clampStep(requested: number, first: number, last: number): ClampedStep {
  const step = Math.min(Math.max(requested, first), last);
  return { step, requested: step === requested ? null : requested };
}
