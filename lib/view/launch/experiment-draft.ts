/**
 * The launch form's experiment as you type: checked by the experiment contract (so the form and the
 * server refuse the same things), its grid counted and its cost estimated from each cell's own config.
 * Pure and unit-tested; the form (components/launch/launch-form.tsx) only shows what this returns.
 */
import {
  estimateExperiment,
  type ExperimentEstimate,
  type StepCostBasis,
} from "@/lib/domain/launch/experiment-estimate";
import {
  checkExperimentForm,
  isExperimentLaunch,
  toExperimentLaunchInput,
  type ExperimentFields,
} from "@/lib/domain/launch/experiment-form";
import type { FormConfigResult } from "@/lib/domain/launch/form-values";
import type { EsplConfig } from "@/lib/espl/config";

export interface ExperimentDraft {
  /** False: the form launches a single run, and nothing below applies. */
  active: boolean;
  errors: Record<string, string[]>;
  estimate: ExperimentEstimate | null;
}

export function draftExperiment(input: {
  fields: ExperimentFields;
  projectId: string;
  /** The single-run seed field's value, already read (a lone seed is the experiment's one seed). */
  seed: number | undefined;
  config: FormConfigResult;
  dataset: { trainCount: number; testCount: number } | undefined;
  basis: StepCostBasis | null;
  backendName: string;
}): ExperimentDraft {
  const { fields } = input;
  if (!isExperimentLaunch(fields)) return { active: false, errors: {}, estimate: null };
  const errors: Record<string, string[]> = {};
  if (input.seed !== undefined && fields.seeds.trim() !== "")
    errors.seed = ["give one seed or a list of seeds, not both"];
  // The contract reads the sweep's values with the engine's schema; the run's own config is checked apart.
  const checked = checkExperimentForm(
    toExperimentLaunchInput(fields, {
      projectId: input.projectId,
      config: {},
      seed: fields.seeds.trim() === "" ? input.seed : undefined,
      tags: [],
      initialPrinciples: [],
    }),
  );
  if (!checked.ok) Object.assign(errors, checked.fieldErrors);
  if (!checked.ok || !input.config.ok || !input.dataset) return { active: true, errors, estimate: null };
  const base = input.config.config;
  const cells = checked.cells.map((cell) => ({ ...base, ...cell.settings }) as Omit<EsplConfig, "seed">);
  return {
    active: true,
    errors,
    estimate: estimateExperiment(cells, input.dataset, input.basis, input.backendName),
  };
}
