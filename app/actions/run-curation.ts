"use server";
import { defineAction } from "@/lib/server/http/action";
import { markRun, runCurationInputSchema } from "@/lib/server/runs/curate-run";

/** Star / unstar a run from the runs list: editors and owners of the run's project. */
export const starRunAction = defineAction(
  runCurationInputSchema,
  { role: "editor", project: (input) => ({ runId: input.runId }) },
  (input, { caller, scope }) => markRun(scope, "starred", input, caller.user.id),
);

/** Archive / unarchive a run (hidden from the list by default, never deleted): editors and owners. */
export const archiveRunAction = defineAction(
  runCurationInputSchema,
  { role: "editor", project: (input) => ({ runId: input.runId }) },
  (input, { caller, scope }) => markRun(scope, "archived", input, caller.user.id),
);
