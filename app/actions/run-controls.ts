"use server";
import { defineAction } from "@/lib/server/http/action";
import { controlRun, runControlInputSchema } from "@/lib/server/runs/control-run";

/** Pause / resume / cancel from the run page: editors and owners of the run's project. */
export const controlRunAction = defineAction(
  runControlInputSchema,
  { role: "editor", project: (input) => ({ runId: input.runId }) },
  async (input, { caller, scope }) => {
    const result = await controlRun(scope, input, caller.user.id);
    return { status: result.status, immediate: result.immediate };
  },
);
