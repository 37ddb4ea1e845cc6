/**
 * One zod schema per file kind the reference writes (SPEC §12). Objects are loose where the reference
 * may add keys (their values are kept, never a reason to refuse the file); an unknown key in a pool
 * entry is reported separately by the pool reader so a researcher learns the file held more than we read.
 */
import "server-only";
import { z } from "zod";

import { principlesSchema as principles } from "@/lib/domain/reference/reference-step-schemas";

// Shared with the live-logging API (lib/domain/api-v1/external-run-schemas.ts): one schema per record.
export {
  checkpointLineSchema,
  metricsLineSchema,
  poolEntrySchema,
  statsEntrySchema,
  type CheckpointLine,
  type MetricsLine,
  type PoolEntry,
  type StatsEntry,
} from "@/lib/domain/reference/reference-step-schemas";

export const rolloutLineSchema = z.looseObject({
  runid: z.int().nonnegative(),
  prompt: z.string(),
  problem: z.string(),
  groundtruth: z.union([z.string(), z.number()]),
  reward: z.number(),
  trajectories: z.array(
    z.looseObject({ trajectory: z.array(z.looseObject({ role: z.string(), content: z.string() })) }),
  ),
});
export type RolloutLine = z.infer<typeof rolloutLineSchema>;

export const POOL_ENTRY_KEYS = [
  "principles",
  "program_id",
  "timestep",
  "self_modified_from",
  "self_modify_id_list",
  "parents_list",
  "children_list",
  "past_score_history",
  "rating",
] as const;

export const poolFileSchema = z.looseObject({
  max_pool_size: z.int(),
  max_program_id: z.int(),
  evolution_pool: z.array(z.unknown()),
});

export const statsFileSchema = z.record(z.string(), z.unknown());

export const configFileSchema = z.record(z.string(), z.unknown());

export const principlesFileSchema = principles;

const operation = z.looseObject({ operation: z.string() });

export const batchUpdateFileSchema = z.looseObject({
  operations: z.array(operation).default([]),
  response: z.string().optional(),
});

export const critiqueFileSchema = z.array(
  z.looseObject({
    critique: z.string().optional(),
    operations: z.array(operation).default([]),
    rollouts: z.array(z.unknown()).default([]),
  }),
);

/** Problem text → the summaries of its rollouts. */
export const summaryFileSchema = z.record(
  z.string(),
  z.array(z.looseObject({ trajectory_summary: z.string().optional(), reward: z.number().optional() })),
);
