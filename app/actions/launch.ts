"use server";
import { defineAction } from "@/lib/server/http/action";
import { launchRun } from "@/lib/server/runs/launch-run";
import { launchActionSchema, type LaunchInput } from "@/lib/domain/launch/launch-input";

/** Launch from the form: editors and owners of the chosen project. The form follows the new run's page. */
export const launchRunAction = defineAction(
  launchActionSchema,
  { role: "editor", project: (input) => ({ projectId: input.projectId }) },
  (input, { caller, project }) => launchRun(project.projectId, caller.user.id, input as LaunchInput),
);
