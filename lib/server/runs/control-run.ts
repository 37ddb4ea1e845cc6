import "server-only";
import { z } from "zod";
import { scopedRunWhere, type ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import { notFound } from "@/lib/domain/errors";
import { cancelRun, pauseRun, resumeRun, type ControlResult } from "./controls";

/** The one input contract of the run page's control buttons (action and form both use it). */
export const runControlInputSchema = z.object({
  runId: z.guid(),
  action: z.enum(["pause", "resume", "cancel"]),
});
export type RunControlInput = z.infer<typeof runControlInputSchema>;

const CONTROLS = { pause: pauseRun, resume: resumeRun, cancel: cancelRun } as const;

/** Applies a control to a run the caller may see; refused transitions throw conflicts (controls.ts). */
export async function controlRun(
  scope: ReadScope,
  input: RunControlInput,
  actorId: string | null = null,
): Promise<ControlResult> {
  const run = await getPrisma().run.findFirst({
    where: scopedRunWhere(scope, input.runId),
    select: { id: true },
  });
  if (!run || scope.frozenAtStep !== undefined) throw notFound("run");
  return CONTROLS[input.action](input.runId, { actorId });
}
