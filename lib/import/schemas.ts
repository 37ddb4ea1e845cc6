/**
 * One zod schema per file kind the reference writes (SPEC §12). Objects are loose where the reference
 * may add keys (their values are kept, never a reason to refuse the file); an unknown key in a pool
 * entry is reported separately by the pool reader so a researcher learns the file held more than we read.
 */
import { z } from "zod";

const principles = z.record(z.string(), z.string());

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

export const poolEntrySchema = z.looseObject({
  principles,
  program_id: z.int().nonnegative(),
  timestep: z.int(),
  self_modified_from: z.int(),
  self_modify_id_list: z.array(z.int()).default([]),
  parents_list: z.array(z.int()).nullable().default(null),
  children_list: z.array(z.int()).default([]),
  past_score_history: z.array(z.number()).default([]),
  rating: z.object({ mu: z.number(), sigma: z.number() }),
});
export type PoolEntry = z.infer<typeof poolEntrySchema>;

export const poolFileSchema = z.looseObject({
  max_pool_size: z.int(),
  max_program_id: z.int(),
  evolution_pool: z.array(z.unknown()),
});

const metricRecord = z.record(z.string(), z.number());

export const statsEntrySchema = z.looseObject({
  epoch: z.int().nonnegative(),
  batch: z.int().nonnegative(),
  complete: z.boolean().optional(),
  test_time_program_id: z.int().optional(),
  test: metricRecord.default({}),
  rollout: metricRecord.default({}),
});
export type StatsEntry = z.infer<typeof statsEntrySchema>;

export const statsFileSchema = z.record(z.string(), z.unknown());

export const metricsLineSchema = z.looseObject({ step: z.int().nonnegative() }).catchall(z.unknown());
export type MetricsLine = z.infer<typeof metricsLineSchema>;

export const checkpointLineSchema = z.looseObject({
  name: z.string().min(1),
  step: z.int().nonnegative(),
  state_path: z.string().optional(),
  sampler_path: z.string().optional(),
});
export type CheckpointLine = z.infer<typeof checkpointLineSchema>;

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
