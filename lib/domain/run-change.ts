/** What the `runs_notify_change` trigger announces on channel "espl_runs" (see its migration). */
import { z } from "zod";

export const RUN_CHANGE_CHANNEL = "espl_runs";

export const runChangeSchema = z.object({
  runId: z.uuid(),
  projectId: z.uuid(),
  status: z.enum(["queued", "running", "paused", "completed", "failed", "cancelled"]),
  statusDetail: z.string().nullable(),
  currentStep: z.int(),
  totalSteps: z.int(),
  bestTestPass1: z.number().nullable(),
  bestConservative: z.number().nullable(),
});

export type RunChange = z.infer<typeof runChangeSchema>;
