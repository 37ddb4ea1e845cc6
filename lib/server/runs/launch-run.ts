import "server-only";
import { z } from "zod";
import { getPrisma } from "@/lib/server/db/client";
import { AppError } from "@/lib/domain/errors";
import { createRun } from "@/lib/server/runs/create-run";
import { loadLaunchBackend } from "@/lib/server/read/launch-options";
import { checkBackendChoice } from "@/lib/domain/launch/backend-choice";
import { formValuesToConfig } from "@/lib/domain/launch/form-values";
import {
  launchInputSchema,
  type LaunchFieldErrors,
  type LaunchInput,
  type LaunchResult,
} from "@/lib/domain/launch/launch-input";

function refused(fieldErrors: LaunchFieldErrors): LaunchResult {
  return { ok: false, message: "The run was not created: fix the marked fields.", fieldErrors };
}

/**
 * Launches a run from the dashboard's form into `projectId` (the caller has checked it may). Bad input
 * comes back as field errors keyed like the form's inputs and creates nothing; a good one is created and
 * enqueued by createRun, the same path as the CLI.
 */
export async function launchRun(
  projectId: string,
  actorId: string | null,
  input: LaunchInput,
): Promise<LaunchResult> {
  // Both checks run before refusing, so one submit shows every bad field.
  const parsed = launchInputSchema.safeParse({ ...input, projectId });
  const config = formValuesToConfig(input.config ?? {});
  const fieldErrors: LaunchFieldErrors = parsed.success
    ? {}
    : (z.flattenError(parsed.error).fieldErrors as LaunchFieldErrors);
  if (!config.ok)
    for (const [key, messages] of Object.entries(config.errors)) fieldErrors[`config.${key}`] = messages;
  if (!parsed.success || !config.ok) return refused(fieldErrors);
  const { name, tags, seed, datasetId, policyBackendId, reflectionBackendId, initialPrinciples } =
    parsed.data;
  // The same combinations the form offers, checked again against the backends' stored test results.
  const [policy, reflection] = await Promise.all([
    loadLaunchBackend(projectId, policyBackendId),
    loadLaunchBackend(projectId, reflectionBackendId),
  ]);
  const choiceErrors = checkBackendChoice({
    trainMode: config.config.train_mode,
    evolutionSampleClient: config.config.evolution_sample_client,
    policy,
    reflection,
  });
  if (Object.keys(choiceErrors).length > 0) return refused(choiceErrors);
  try {
    const run = await createRun(getPrisma(), {
      projectId,
      name: name === "" ? undefined : name,
      config: config.config,
      seed,
      tags,
      initialPrinciples,
      datasetId,
      policyBackendId,
      reflectionBackendId,
      createdById: actorId ?? undefined,
    });
    return { ok: true, runId: run.id };
  } catch (error) {
    if (error instanceof AppError && error.code === "bad_request")
      return refused(error.fields ?? { _: [error.message] });
    throw error;
  }
}
