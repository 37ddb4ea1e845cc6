"use server";

import { redirect } from "next/navigation";
import { launchRun } from "@/lib/runs/launch/launch-run";
import { launchInputSchema, readLaunchFormData, type LaunchResult } from "@/lib/runs/launch/launch-input";

/** Thin: reads the form, lets lib validate and launch, then goes to the run. Auth wraps this later. */
export async function launchRunAction(_previous: LaunchResult | null, form: FormData): Promise<LaunchResult> {
  const input = readLaunchFormData(form);
  const project = launchInputSchema.shape.projectId.safeParse(input.projectId);
  if (!project.success)
    return { ok: false, message: "Choose a project.", fieldErrors: { projectId: ["choose a project"] } };
  const result = await launchRun(project.data, null, input);
  if (result.ok) redirect(`/runs/${result.runId}`);
  return result;
}
