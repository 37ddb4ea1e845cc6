"use server";
import { experimentActionSchema, type ExperimentActionInput } from "@/lib/domain/launch/experiment-form";
import { defineAction } from "@/lib/server/http/action";
import { launchExperimentFromForm } from "@/lib/server/experiments/launch-from-form";

/** Launch many runs (seeds × sweep) from the form as one experiment: editors and owners of the project. */
export const launchExperimentAction = defineAction(
  experimentActionSchema,
  { role: "editor", project: (input) => ({ projectId: input.projectId }) },
  (input, { caller, project }) =>
    launchExperimentFromForm(project.projectId, caller.user.id, input as unknown as ExperimentActionInput),
);
