/**
 * The contracts of live logging from outside (/api/v1/external-runs): create a run, append one step, finish
 * it. A step carries what the importer reads from a `step_N/` folder (pools, rollouts, evolution events)
 * plus its stats.json entry, metrics.jsonl line and checkpoint lines, so the server writes it with the
 * importer's own step writer and a live-logged run stores the numbers a direct import would.
 */
import { z } from "zod";
import {
  checkpointLineSchema,
  metricsLineSchema,
  poolEntrySchema,
  statsEntrySchema,
} from "@/lib/domain/reference/reference-step-schemas";

export const externalRunCreateSchema = z.object({
  projectId: z.guid(),
  name: z.string().trim().min(1).max(200),
  /** The reference's config.json: keys are mapped as an import maps them (unknown ones are kept aside). */
  config: z.record(z.string(), z.unknown()).default({}),
  totalSteps: z.int().positive().max(1_000_000),
});
export type ExternalRunCreate = z.input<typeof externalRunCreateSchema>;

const poolId = z.int().nonnegative();

export const externalRolloutSchema = z.object({
  split: z.enum(["train", "test"]),
  slot: z.int().nonnegative(),
  programId: poolId,
  problemIndex: z.int().nonnegative(),
  sampleIndex: z.int().nonnegative(),
  reward: z.number(),
  completion: z.string().max(200_000),
});

export const externalCallSchema = z.object({
  ordinal: z.int().nonnegative(),
  purpose: z.enum(["summary", "critique", "batch_revision", "crossover"]),
  prompt: z.string(),
  rawReply: z.string().nullable(),
  parsedOperations: z.unknown().optional(),
  error: z.null().default(null),
});

export const externalEventSchema = z.object({
  kind: z.enum(["mutation", "crossover"]),
  status: z.enum(["ok", "failed"]),
  parentIds: z.array(poolId),
  childId: poolId.nullable(),
  error: z.string().nullable().default(null),
  details: z.record(z.string(), z.unknown()).default({}),
  calls: z.array(externalCallSchema).max(1000).default([]),
});

export const externalStepSchema = z.object({
  step: z.int().nonnegative(),
  /** Pool ids of the step's slots, in slot order. */
  selectedProgramIds: z.array(poolId).max(1000),
  /** The pool the step started from (programs and their ratings). */
  poolBefore: z.array(poolEntrySchema).min(1).max(10_000),
  /** The pool after the step's evolution; null when not known (the last step of a run cut short). */
  poolAfter: z.array(poolEntrySchema).max(10_000).nullable().default(null),
  rollouts: z.array(externalRolloutSchema).max(100_000),
  events: z.array(externalEventSchema).max(1000).default([]),
  /** The step's stats.json entry (rollout/ and test/ metrics, epoch, batch, test program). */
  stats: statsEntrySchema.nullable().default(null),
  /** The step's metrics.jsonl line; absent: charted from `stats`, as an import does. */
  metrics: metricsLineSchema.nullable().default(null),
  checkpoints: z.array(checkpointLineSchema).max(100).default([]),
});
export type ExternalStep = z.input<typeof externalStepSchema>;

export const externalRunFinishSchema = z.object({
  status: z.enum(["completed", "failed"]),
  /** Why it failed, shown with the run. */
  error: z.string().trim().min(1).max(2000).optional(),
});
export type ExternalRunFinish = z.input<typeof externalRunFinishSchema>;

export interface ExternalRunCreated {
  id: string;
  name: string;
  totalSteps: number;
  status: string;
  /** config.json keys our engine config does not hold, or holds with another type: kept aside. */
  unknownConfigKeys: string[];
  invalidConfigKeys: string[];
}

export interface ExternalStepOutcome {
  step: number;
  /** "already": a step with this number was stored before; nothing changed. */
  outcome: "written" | "already";
  /** What had to be left out (e.g. rollouts of a program no pool holds). */
  notes: string[];
}
