/**
 * What the last "Test connection" found, as stored in ModelBackend.capabilities: the capabilities, the
 * models the server listed, or the error. Read by the registry page, the launch options and the launch
 * action's check; a value this schema cannot read counts as "not tested".
 */
import "server-only";
import { z } from "zod";
import type { BackendCapabilities } from "./driver";

export const storedProbeSchema = z.object({
  sampling: z.boolean(),
  logprobs: z.boolean(),
  training: z.boolean(),
  models: z.array(z.string()).default([]),
  /** Set when the test failed; the capabilities are then all false. */
  error: z.string().nullable().default(null),
  /** What the check found, in plain words (auth, wire format, a sample), where the driver reports it. */
  details: z.array(z.string()).default([]),
});

export type StoredProbe = z.infer<typeof storedProbeSchema>;

/** The simulator needs no test: it always samples and trains. */
export const SIM_CAPABILITIES: BackendCapabilities = { sampling: true, logprobs: false, training: true };

export function readStoredProbe(stored: unknown): StoredProbe | null {
  const parsed = storedProbeSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
