/**
 * What one step costs, derived from the config (SPEC §8, §9, §12): policy samples k·B·G, test samples
 * T·|test|, and reflection LLM calls. Mutation summarises only rollouts of problems with mixed outcomes,
 * so its count is a ceiling: B·G summaries + B critiques + 1 revision. Crossover is one call attempted
 * with probability crossover_prob, so its figure is an expectation.
 */
import { isEvolutionEnabled, type EsplConfig } from "@/lib/espl/config";

export interface StepEstimate {
  policySamples: number;
  testSamples: number;
  mutationCallsMax: number;
  crossoverCallsExpected: number;
}

export function estimateStep(
  config: Pick<
    EsplConfig,
    | "num_parallel_programs"
    | "batch_size"
    | "group_size"
    | "test_group_size"
    | "crossover_prob"
    | "train_mode"
  >,
  testProblems: number,
): StepEstimate {
  const evolution = isEvolutionEnabled(config);
  const B = config.batch_size;
  return {
    policySamples: config.num_parallel_programs * B * config.group_size,
    testSamples: config.test_group_size * testProblems,
    mutationCallsMax: evolution ? B * config.group_size + B + 1 : 0,
    crossoverCallsExpected: evolution ? config.crossover_prob : 0,
  };
}
