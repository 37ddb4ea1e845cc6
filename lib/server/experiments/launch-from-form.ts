import "server-only";
/**
 * Launching an experiment from the dashboard's form: the run fields are read as a lone run's are
 * (launchInputSchema, formValuesToConfig), the experiment fields by the experiment contract
 * (lib/domain/launch/experiment-form.ts), every train mode the grid holds is checked against the chosen
 * backends as the form offers them, and launchExperiment writes it all or nothing. Bad input comes back
 * as field errors keyed like the form's inputs and creates nothing.
 */
import { z } from "zod";
import { AppError } from "@/lib/domain/errors";
import { checkBackendChoice } from "@/lib/domain/launch/backend-choice";
import {
  checkExperimentForm,
  toExperimentLaunchInput,
  type ExperimentActionInput,
  type ExperimentLaunchResult,
} from "@/lib/domain/launch/experiment-form";
import { formValuesToConfig } from "@/lib/domain/launch/form-values";
import { launchInputSchema } from "@/lib/domain/launch/launch-input";
import type { TrainMode } from "@/lib/espl/config";
import { getPrisma } from "@/lib/server/db/client";
import { loadLaunchBackend } from "@/lib/server/read/launch-options";
import { launchExperiment } from "./launch-experiment";

function refused(fieldErrors: Record<string, string[]>, message?: string): ExperimentLaunchResult {
  return {
    ok: false,
    message: message ?? "The experiment was not created: fix the marked fields.",
    fieldErrors,
  };
}

export async function launchExperimentFromForm(
  projectId: string,
  actorId: string | null,
  input: ExperimentActionInput,
): Promise<ExperimentLaunchResult> {
  const parsed = launchInputSchema.safeParse({ ...input, projectId });
  const config = formValuesToConfig(input.config ?? {});
  const fieldErrors: Record<string, string[]> = parsed.success
    ? {}
    : (z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
  if (!config.ok)
    for (const [key, messages] of Object.entries(config.errors))
      fieldErrors[`config.${key}`] = messages ?? [];
  if (!parsed.success || !config.ok) return refused(fieldErrors);
  const run = parsed.data;
  if (run.seed !== undefined && input.seeds.trim() !== "")
    return refused({ seed: ["give one seed or a list of seeds, not both"] });
  const launch = toExperimentLaunchInput(input, {
    projectId,
    config: config.config,
    seed: run.seed,
    tags: run.tags,
    initialPrinciples: run.initialPrinciples,
    datasetId: run.datasetId,
    policyBackendId: run.policyBackendId,
    reflectionBackendId: run.reflectionBackendId,
    createdById: actorId ?? undefined,
  });
  const checked = checkExperimentForm(launch);
  if (!checked.ok) return refused(checked.fieldErrors);

  // Every mode the grid runs must be one the chosen backends can run (a sweep may add RL to evolution).
  const [policy, reflection] = await Promise.all([
    loadLaunchBackend(projectId, run.policyBackendId),
    loadLaunchBackend(projectId, run.reflectionBackendId),
  ]);
  const modes = new Set<TrainMode>(
    checked.cells.map((cell) => (cell.settings.train_mode as TrainMode) ?? config.config.train_mode),
  );
  for (const trainMode of modes) {
    const choiceErrors = checkBackendChoice({
      trainMode,
      evolutionSampleClient: config.config.evolution_sample_client,
      policy,
      reflection,
    });
    if (Object.keys(choiceErrors).length > 0)
      return refused(choiceErrors as Record<string, string[]>, `train_mode ${trainMode} cannot run here.`);
  }

  try {
    const { experiment, runs } = await launchExperiment(getPrisma(), launch);
    return { ok: true, experimentId: experiment.id, runIds: runs.map((r) => r.id) };
  } catch (error) {
    if (error instanceof AppError && error.code === "conflict")
      return refused({ experimentName: [error.message] });
    if (error instanceof AppError && error.code === "bad_request")
      return refused(error.fields ?? {}, `The experiment was not created: ${error.message}`);
    throw error;
  }
}
