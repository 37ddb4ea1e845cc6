/** The body of a run control request (pause, resume, cancel, hard cancel): the dashboard's route and /api/v1. */
import { z } from "zod";

export const RUN_CONTROL_ACTIONS = ["pause", "resume", "cancel", "hard_cancel"] as const;

export const runControlBodySchema = z.object({ action: z.enum(RUN_CONTROL_ACTIONS) });
