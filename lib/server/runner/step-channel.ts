/**
 * The Postgres NOTIFY channel a committed step announces itself on. The payload stays tiny (well under
 * NOTIFY's 8,000-byte limit): listeners fetch what they show.
 */
import "server-only";
import { z } from "zod";

export const STEP_CHANNEL = "espl_steps";

export const stepNotificationSchema = z.object({ runId: z.uuid(), step: z.int().nonnegative() });

export type StepNotification = z.infer<typeof stepNotificationSchema>;
