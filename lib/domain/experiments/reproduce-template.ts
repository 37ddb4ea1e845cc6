/**
 * "Reproduce the paper": the paper's comparison (SPEC §1: E-SPL against RL only and evolution only) as one
 * experiment. It is an ordinary experiment launch (launch-spec.ts), a sweep over train_mode on top of the
 * E-SPL preset, so the three arms differ in nothing but the mode and every seed runs in each arm; the
 * browser's template card and `espl reproduce` both build their launch here.
 */
import type { TrainMode } from "@/lib/espl/config";
import type { ExperimentLaunchInput } from "./launch-spec";

/** The arms, in launch order (the results table orders its groups by label: evolution, evolution_rl, rl). */
export const REPRODUCE_MODES: readonly TrainMode[] = ["evolution_rl", "rl", "evolution"];

export const REPRODUCE_LABELS: Record<TrainMode, string> = {
  evolution_rl: "E-SPL",
  rl: "RL only",
  evolution: "evolution only",
};

/** The preset every arm starts from (the reference README's E-SPL example). */
export const REPRODUCE_PRESET = "espl-lucb" as const;

export const DEFAULT_REPRODUCE_SEEDS = "1-3";

export interface ReproduceChoice {
  projectId: string;
  /** "1-3" or "1,2,5": the seeds every arm runs. */
  seeds: string;
  /** Empty: "Reproduce the paper · <dataset> · <backend>". */
  name?: string;
  datasetId?: string;
  policyBackendId?: string;
  /** How the dataset and backend read in the default name. */
  datasetName: string;
  backendName: string;
  /** Config keys under every arm's (e.g. a smaller dataset_size for a quick check). */
  config?: Record<string, unknown>;
  createdById?: string;
}

export function nameReproduceExperiment(datasetName: string, backendName: string): string {
  return `Reproduce the paper · ${datasetName} · ${backendName}`;
}

/** The experiment launch of the template: every mode × every seed, one experiment. */
export function buildReproduceLaunch(choice: ReproduceChoice): ExperimentLaunchInput {
  const name = choice.name?.trim() || nameReproduceExperiment(choice.datasetName, choice.backendName);
  return {
    projectId: choice.projectId,
    name,
    notes:
      "E-SPL (evolution_rl), RL only (rl) and evolution only (evolution) on the same preset, dataset, " +
      "backend and seeds: the paper's comparison.",
    preset: REPRODUCE_PRESET,
    config: choice.config ?? {},
    seeds: choice.seeds,
    sweep: { train_mode: [...REPRODUCE_MODES] },
    tags: ["reproduce"],
    ...(choice.datasetId ? { datasetId: choice.datasetId } : {}),
    ...(choice.policyBackendId ? { policyBackendId: choice.policyBackendId } : {}),
    ...(choice.createdById ? { createdById: choice.createdById } : {}),
  };
}
