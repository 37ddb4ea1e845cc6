/**
 * A whole run on the simulator, in memory (no database): what the benchmark and the curves report run.
 */
import type { EsplConfig } from "../config";
import { runExperiment } from "../iteration/run-experiment";
import type { IterationResult } from "../iteration/types";
import { createSimulatorBackend } from "../simulator";

export interface SimExperiment {
  steps: IterationResult[];
  wallMs: number;
}

export async function runSimExperiment(config: EsplConfig): Promise<SimExperiment> {
  const sim = createSimulatorBackend({ seed: config.seed });
  const steps: IterationResult[] = [];
  const started = performance.now();
  await runExperiment(
    { config, train: sim.suite.train, test: sim.suite.test },
    {
      backend: sim.policy,
      chat: sim.reflection,
      store: {
        commitStep: async (result) => {
          steps.push(result);
        },
      },
    },
  );
  return { steps, wallMs: performance.now() - started };
}
