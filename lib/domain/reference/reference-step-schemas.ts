/**
 * The reference script's per-step records (SPEC §12) as zod schemas: a pool entry, a stats.json entry, a
 * metrics.jsonl line and a checkpoints.jsonl line. Pure, so the importer (which reads them from files) and
 * the live-logging API (which receives them over HTTP) validate the very same shapes.
 */
import { z } from "zod";

export const principlesSchema = z.record(z.string(), z.string());

export const poolEntrySchema = z.looseObject({
  principles: principlesSchema,
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

export const metricsLineSchema = z.looseObject({ step: z.int().nonnegative() }).catchall(z.unknown());
export type MetricsLine = z.infer<typeof metricsLineSchema>;

export const checkpointLineSchema = z.looseObject({
  name: z.string().min(1),
  step: z.int().nonnegative(),
  state_path: z.string().optional(),
  sampler_path: z.string().optional(),
});
export type CheckpointLine = z.infer<typeof checkpointLineSchema>;
