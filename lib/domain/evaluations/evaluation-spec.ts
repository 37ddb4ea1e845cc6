/**
 * The launch contract of an evaluation: which checkpoints (base weights, a saved step, final, all) and
 * which programs (root, best, the top k by conservative rating, an id) of a run to grade, on which
 * dataset split, with how many samples per problem, for which seed, and optionally on another saved
 * backend of the project (transfer: one more grid row, "model: NAME", sampled from that backend's model
 * with no weights of the run). The same schema reads the route's body, the launch form and the CLI's
 * flags (comma lists go through `parseSelectorList`).
 */
import { z } from "zod";

/** Selectors past this many per axis are a typo, not an experiment. */
export const MAX_SELECTORS = 24;
export const MAX_EVALUATION_SAMPLES = 64;
export const MAX_EVALUATION_SEED = 2 ** 31 - 1;
export const MAX_EVALUATION_TOKENS = 131_072;

/** "base" | "final" | "all" | a step number. */
export const checkpointSelectorSchema = z
  .string()
  .trim()
  .regex(/^(base|final|all|\d{1,9})$/, 'a checkpoint is "base", "final", "all" or a step number');

/** "root" | "best" | "top3" (top k by μ − 3σ) | a program id. */
export const programSelectorSchema = z
  .string()
  .trim()
  .regex(
    /^(root|best|top[1-9]\d{0,2}|\d{1,9})$/,
    'a program is "root", "best", "topK" (like top3) or a program id',
  );

export const evaluationSpecSchema = z
  .strictObject({
    /** May be empty when `backend` is set: then the grid is that model's row only. */
    checkpoints: z.array(checkpointSelectorSchema).max(MAX_SELECTORS, `at most ${MAX_SELECTORS} checkpoints`),
    programs: z
      .array(programSelectorSchema)
      .min(1, "pick at least one program")
      .max(MAX_SELECTORS, `at most ${MAX_SELECTORS} programs`),
    /** A dataset of the run's project by name; the run's own dataset when absent. */
    dataset: z.string().trim().min(1, "the dataset name is empty").max(200).optional(),
    split: z.enum(["test", "train"], { message: 'the split is "test" or "train"' }).default("test"),
    /** Samples per problem. */
    samples: z
      .int("samples must be a whole number")
      .min(1, "at least 1 sample per problem")
      .max(MAX_EVALUATION_SAMPLES, `at most ${MAX_EVALUATION_SAMPLES} samples per problem`)
      .default(4),
    /** Only the first N problems of the split (a quick look); all when absent. */
    maxProblems: z.int("maxProblems must be a whole number").min(1).max(100_000).optional(),
    seed: z.int("the seed must be a whole number").min(0).max(MAX_EVALUATION_SEED).default(0),
    /** Sampling parameters of every cell; each one absent keeps the run's own (its config). */
    temperature: z
      .number("the temperature is a number")
      .min(0, "the temperature is at least 0")
      .max(2, "the temperature is at most 2")
      .optional(),
    topP: z.number("top p is a number").gt(0, "top p is above 0").max(1, "top p is at most 1").optional(),
    maxTokens: z
      .int("max tokens must be a whole number")
      .min(1, "max tokens is at least 1")
      .max(MAX_EVALUATION_TOKENS, `max tokens is at most ${MAX_EVALUATION_TOKENS}`)
      .optional(),
    /** A saved model backend of the run's project by name: its model is graded as one more row. */
    backend: z.string().trim().min(1, "the backend name is empty").max(200).optional(),
  })
  .refine((spec) => spec.checkpoints.length > 0 || spec.backend !== undefined, {
    path: ["checkpoints"],
    message: "pick at least one checkpoint (or a backend to evaluate instead)",
  });

export type EvaluationSpec = z.infer<typeof evaluationSpecSchema>;
export type EvaluationSpecInput = z.input<typeof evaluationSpecSchema>;

/** "base, final,20" → ["base", "final", "20"]; empty parts are dropped. */
export function parseSelectorList(text: string): string[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** A transfer row's checkpoint step: below the base weights' -1, since it is no step of the run. */
export const TRANSFER_STEP = -2;

/** The grid row of a transfer to another backend: its model, not a checkpoint of the run. */
export function transferLabel(backendName: string): string {
  return `model: ${backendName}`;
}

/** Reads a spec, or says in plain words what is wrong (first issue per field). */
export function readEvaluationSpec(
  input: unknown,
): { ok: true; spec: EvaluationSpec } | { ok: false; message: string } {
  const parsed = evaluationSpecSchema.safeParse(input);
  if (parsed.success) return { ok: true, spec: parsed.data };
  const message = parsed.error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
  return { ok: false, message };
}

/** The run's sampling parameters with the evaluation's own in their place, where it names them. */
export function applySamplingOverrides<T extends { temperature: number; topP: number; maxTokens: number }>(
  base: T,
  spec: Pick<EvaluationSpec, "temperature" | "topP" | "maxTokens">,
): T {
  return {
    ...base,
    ...(spec.temperature === undefined ? {} : { temperature: spec.temperature }),
    ...(spec.topP === undefined ? {} : { topP: spec.topP }),
    ...(spec.maxTokens === undefined ? {} : { maxTokens: spec.maxTokens }),
  };
}

/** "T 0.2 · top p 0.9 · 512 tokens": the sampling parameters an evaluation set (empty: the run's). */
export function describeSamplingOverrides(
  spec: Pick<EvaluationSpec, "temperature" | "topP" | "maxTokens">,
): string {
  return [
    spec.temperature === undefined ? null : `T ${spec.temperature}`,
    spec.topP === undefined ? null : `top p ${spec.topP}`,
    spec.maxTokens === undefined ? null : `${spec.maxTokens} tokens`,
  ]
    .filter((part) => part !== null)
    .join(" · ");
}
