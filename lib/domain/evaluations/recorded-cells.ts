/**
 * Which cells of an evaluation an imported run's files can answer without sampling. An imported run has
 * no live weights, only the test rollouts it recorded: at step N the reference graded its newest program
 * on the test set with the weights it saved as checkpoint N (saved before step N's update, SPEC §11), so
 * the cell (checkpoint N, program P) is those rollouts when P was the program tested at N. The base
 * weights are step 0's (no update yet); "final" is saved after the last update and was never tested. A run
 * without RL (evolution mode) never changes its weights: every checkpoint is the base weights, and any
 * step that tested P answers for it (the latest one is taken). Pure: the caller reads what was recorded.
 */
import type { ResolvedCheckpoint } from "./resolve-pairs";

/** Recorded test rollouts of one program at one step (already cut to the evaluation's problems and samples). */
export interface RecordedTest {
  step: number;
  programId: number;
  /** Rollouts usable by the evaluation. */
  n: number;
}

export type CellSource =
  { source: "recorded"; step: number; n: number } | { source: "needs_backend"; reason: string };

export const NEEDS_BACKEND = "needs a live backend";

export function matchRecordedCell(
  checkpoint: ResolvedCheckpoint,
  programId: number,
  recorded: readonly RecordedTest[],
  weightsFixed: boolean,
): CellSource {
  const ofProgram = recorded.filter((r) => r.programId === programId && r.n > 0);
  let hit: RecordedTest | undefined;
  if (weightsFixed)
    hit = ofProgram.reduce<RecordedTest | undefined>((a, r) => (a && a.step > r.step ? a : r), undefined);
  else if (checkpoint.name === null) hit = ofProgram.find((r) => r.step === 0);
  else if (checkpoint.name !== "final") hit = ofProgram.find((r) => r.step === checkpoint.step);
  if (hit) return { source: "recorded", step: hit.step, n: hit.n };
  const reason =
    !weightsFixed && checkpoint.name === "final"
      ? "the final weights were saved after the last test and never graded"
      : `the files hold no test rollouts of program ${programId} at these weights`;
  return { source: "needs_backend", reason };
}
