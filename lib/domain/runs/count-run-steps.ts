/**
 * How many steps a run takes, as the engine counts them (countSteps and selectTrainingProblems in
 * lib/espl/iteration/run-experiment.ts; a test holds the two together). Restated here because importing
 * the engine loads the answer grader and mathjs, seconds that launching a run should not wait for.
 */
import type { EsplConfig } from "@/lib/espl/config";

export function countRunSteps(
  config: Pick<EsplConfig, "dataset_size" | "batch_size" | "n_epochs">,
  availableTrainProblems: number,
): number {
  // dataset_size ≤ 0 keeps the whole training set.
  const used =
    config.dataset_size > 0 ? Math.min(config.dataset_size, availableTrainProblems) : availableTrainProblems;
  return Math.ceil(used / config.batch_size) * config.n_epochs;
}
