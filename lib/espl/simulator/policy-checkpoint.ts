/**
 * The simulated policy's checkpoint: its whole state is a handful of numbers, kept inline in
 * `CheckpointRef.state` so it travels with the run's records. Loading validates it strictly: a state from
 * another format, another seed or with a missing skill would silently change what the run simulates.
 */
import { z } from "zod";
import type { CheckpointRef } from "../ports";
import { CATEGORY_IDS } from "./category-types";

export const SIM_POLICY_STATE_FORMAT = "espl-sim-policy@1";
export const SIM_CHECKPOINT_SCHEME = "simulator://policy/";

/** Per-category skills plus the fallback for problems of no known category. */
export const SKILL_KEYS = [...CATEGORY_IDS, "general"] as const;
export type SkillKey = (typeof SKILL_KEYS)[number];

const simPolicyStateSchema = z.strictObject({
  format: z.literal(SIM_POLICY_STATE_FORMAT),
  name: z.string(),
  seed: z.int().nonnegative(),
  /** train() calls applied so far; part of every sampling stream's key. */
  updates: z.int().nonnegative(),
  /**
   * How often each (problem, prompt hash) was sampled under the current weights ("index:hash" keys),
   * part of every sampling stream's key too. Without training (train_mode=evolution) the weights never
   * change and these keep counting across steps, so a resumed run must get them back to sample what an
   * uninterrupted one does. Absent when empty (after every update), as in checkpoints saved before.
   */
  occurrences: z.record(z.string().regex(/^\d+:-?\d+$/), z.int().positive()).optional(),
  skills: z.record(z.string(), z.number()).superRefine((skills, ctx) => {
    for (const key of SKILL_KEYS)
      if (!(key in skills)) ctx.addIssue({ code: "custom", message: `missing skill "${key}"`, path: [key] });
    for (const key of Object.keys(skills))
      if (!(SKILL_KEYS as readonly string[]).includes(key))
        ctx.addIssue({ code: "custom", message: `unknown skill "${key}"`, path: [key] });
  }),
});

export type SimPolicyState = z.infer<typeof simPolicyStateSchema>;

export function createCheckpointRef(state: SimPolicyState): CheckpointRef {
  return { backendRef: `${SIM_CHECKPOINT_SCHEME}${state.name}`, state };
}

/** Thrown for checkpoints this simulator cannot restore; the message says why. */
export class SimCheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SimCheckpointError";
  }
}

export function parseCheckpointState(ref: CheckpointRef, expectedSeed: number): SimPolicyState {
  if (ref.state === undefined)
    throw new SimCheckpointError(`simulator checkpoint "${ref.backendRef}" carries no inline state`);
  const parsed = simPolicyStateSchema.safeParse(ref.state);
  if (!parsed.success)
    throw new SimCheckpointError(
      `simulator checkpoint "${ref.backendRef}" has an invalid state:\n${z.prettifyError(parsed.error)}`,
    );
  if (parsed.data.seed !== expectedSeed)
    throw new SimCheckpointError(
      `simulator checkpoint "${ref.backendRef}" was saved with seed ${parsed.data.seed}, this simulator has seed ${expectedSeed}`,
    );
  return parsed.data;
}
