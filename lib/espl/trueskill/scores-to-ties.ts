/** Tie grouping of ranked scores (SPEC §6.6). */

/** Tolerance main uses when grouping program scores into ties. */
export const TIE_TOLERANCE = 0.01;

/**
 * Tie-group ids for `scores` sorted high → low: the first score is group 0 and each next score joins
 * the current group when `previous − current ≤ tolerance`, else opens the next group. Grouping chains
 * (0.50, 0.495, 0.49 → one group at 0.01), and the difference is plain float arithmetic, so
 * 0.6 − 0.59 = 0.010000000000000009 is *not* a tie at 0.01 — both as in the reference.
 */
export function scoresToTies(scores: readonly number[], tolerance: number = TIE_TOLERANCE): number[] {
  const ties = new Array<number>(scores.length);
  let group = 0;
  for (let i = 0; i < scores.length; i++) {
    if (i > 0 && !(scores[i - 1]! - scores[i]! <= tolerance)) group++;
    ties[i] = group;
  }
  return ties;
}
