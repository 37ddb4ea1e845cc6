/**
 * What launching an experiment will cost, before it launches: how many runs, steps and samples its grid
 * makes (from the config alone, estimate.ts per step), and time and tokens where there is a basis to
 * scale from: the steps earlier runs on the same policy backend committed in this project. Those are
 * measured per sample (train and test rollouts), so a sweep over batch_size scales each cell by its
 * own samples. No basis: time and tokens are null (shown as "—"), never a guess.
 */
import { countRunSteps } from "@/lib/domain/runs/count-run-steps";
import type { EsplConfig } from "@/lib/espl/config";
import { estimateStep } from "./estimate";

/** Measured over the committed steps of earlier runs on one backend (lib/server/read/step-costs.ts). */
export interface StepCostBasis {
  runs: number;
  steps: number;
  /** Train and test rollouts of those steps. */
  samples: number;
  /** Wall time of those steps (each step's start to its commit). */
  seconds: number;
  /** Tokens those steps recorded (policy, reflection, training); null when none were recorded. */
  tokens: number | null;
}

export interface ExperimentEstimate {
  runs: number;
  steps: number;
  /** Policy samples plus test samples over every step of every run. */
  samples: number;
  reflectionCallsMax: number;
  /** Seconds when the runs execute one after another; the queue's concurrency divides it. */
  seconds: number | null;
  tokens: number | null;
  /** In words, what the time and token figures rest on. */
  basis: string;
}

type CellConfig = Parameters<typeof estimateStep>[0] & Pick<EsplConfig, "n_epochs" | "dataset_size">;

export function estimateExperiment(
  cells: readonly CellConfig[],
  dataset: { trainCount: number; testCount: number },
  basis: StepCostBasis | null,
  backendName: string,
): ExperimentEstimate {
  let steps = 0;
  let samples = 0;
  let reflectionCallsMax = 0;
  for (const config of cells) {
    const runSteps = countRunSteps(config, dataset.trainCount);
    const step = estimateStep(config, dataset.testCount);
    steps += runSteps;
    samples += runSteps * (step.policySamples + step.testSamples);
    reflectionCallsMax += runSteps * (step.mutationCallsMax + (step.crossoverCallsExpected > 0 ? 1 : 0));
  }
  const usable = basis !== null && basis.samples > 0 && basis.steps > 0;
  return {
    runs: cells.length,
    steps,
    samples,
    reflectionCallsMax,
    seconds: usable ? (basis.seconds / basis.samples) * samples : null,
    tokens: usable && basis.tokens !== null ? (basis.tokens / basis.samples) * samples : null,
    basis: usable
      ? `scaled per sample from ${basis.steps} steps of ${basis.runs} earlier ${basis.runs === 1 ? "run" : "runs"} on ${backendName} in this project` +
        (basis.tokens === null ? " (they recorded no tokens)" : "")
      : `no earlier run on ${backendName} in this project has committed a step, so there is nothing to scale time or tokens from`,
  };
}

/** "2 h 05 min", "4 min 10 s", "12 s": a duration as a person reads it. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}
