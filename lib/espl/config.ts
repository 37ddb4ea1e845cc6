/**
 * Run configuration: every key of the reference's command line (SPEC §2), under the reference's own
 * snake_case names and with its defaults, plus `seed` (the reference is unseeded; see SPEC §13 item 16).
 * Unlike the reference, enum-like strings are validated up front instead of being checked by substring
 * or falling back silently (SPEC §13 item 27).
 */
import { z } from "zod";
import { CONFIG_RANGES, describeRange, type RangedConfigKey } from "./config-ranges";

export const TRAIN_MODES = ["evolution_rl", "evolution", "rl"] as const;
export const RL_LOSS_FNS = ["importance_sampling", "cispo", "ppo"] as const;
export const VALUE_BASELINE_COMPUTATIONS = ["normal", "marginalize"] as const;
export const RESUME_STRATEGIES = ["best", "last"] as const;
export const EVOLUTION_SAMPLE_CLIENTS = ["reference", "current"] as const;
export const PROGRAM_SELECTION_STRATEGIES = ["uniform", "lucb", "ucb", "softmax"] as const;
export const DATASET_PAIRS = [
  "aimo_beyondaime",
  "dapo_aime25",
  "aime_and_amc_to_beyondaime",
  "hmmt",
] as const;

export type TrainMode = (typeof TRAIN_MODES)[number];
export type ProgramSelectionStrategy = (typeof PROGRAM_SELECTION_STRATEGIES)[number];

const finite = () => z.number().refine(Number.isFinite, "must be a finite number");

/** A numeric key within its documented range (config-ranges.ts); the message states the range. */
function ranged(key: RangedConfigKey) {
  const range = CONFIG_RANGES[key];
  const message = `must be ${describeRange(range)}`;
  const base = range.integer ? z.int(message) : finite();
  const bounded = range.minExclusive ? base.gt(range.min, message) : base.min(range.min, message);
  return bounded.max(range.max, message);
}

export const esplConfigSchema = z.strictObject({
  base_url: z.string().nullable().default(null),
  // The reference computes a folder under the system temp dir; the engine is pure (no `os` import), so
  // null here means "let the runner choose that folder".
  log_path: z.string().min(1).nullable().default(null),
  model_name: z.string().min(1).default("deepseek-ai/DeepSeek-V3.1"),
  domain: z.string().min(1).default("math"),
  experiment_name: z.string().min(1).default("system_prompt_learning_rl"),
  // ≤ 0 keeps the whole training set, so any integer is meaningful.
  dataset_size: ranged("dataset_size").default(256),
  dataset_pair: z.enum(DATASET_PAIRS).default("aimo_beyondaime"),
  train_mode: z.enum(TRAIN_MODES).default("evolution_rl"),
  n_epochs: ranged("n_epochs").default(10),
  batch_size: ranged("batch_size").default(10),
  group_size: ranged("group_size").default(5),
  learning_rate: ranged("learning_rate").default(4e-5),
  // Unused by the reference; kept so its command lines parse.
  max_length: ranged("max_length").default(32768),
  lora_rank: ranged("lora_rank").default(32),
  // Used as a modulus, so 0 would divide by zero.
  save_every: ranged("save_every").default(20),
  max_tokens: ranged("max_tokens").default(15000),
  sampling_temperature: ranged("sampling_temperature").default(0.7),
  top_p: ranged("top_p").default(0.95),
  max_update_operations: ranged("max_update_operations").default(2),
  rl_loss_fn: z.enum(RL_LOSS_FNS).default("importance_sampling"),
  // At least 1: a pool of capacity 0 would evict the program it just received and have no `latest()`.
  max_pool_size: ranged("max_pool_size").default(100),
  // 0 is allowed and means "whole pool" (Python slicing quirk, SPEC §5).
  choose_from_most_recent: ranged("choose_from_most_recent").default(5),
  num_parallel_programs: ranged("num_parallel_programs").default(3),
  value_baseline_computation: z.enum(VALUE_BASELINE_COMPUTATIONS).default("normal"),
  test_group_size: ranged("test_group_size").default(10),
  resume_strategy: z.enum(RESUME_STRATEGIES).default("best"),
  mutation_sigma: ranged("mutation_sigma").default(1.0),
  crossover_sigma: ranged("crossover_sigma").default(1.0),
  evolution_sample_client: z.enum(EVOLUTION_SAMPLE_CLIENTS).default("reference"),
  crossover_prob: ranged("crossover_prob").default(0.0),
  program_selection_strategy: z.enum(PROGRAM_SELECTION_STRATEGIES).default("uniform"),
  // Not in the reference: seeds the single injected Rng (lib/espl/rng.ts).
  seed: ranged("seed").default(0),
});

export type EsplConfig = z.infer<typeof esplConfigSchema>;
export type EsplConfigKey = keyof EsplConfig;

/** RL weight updates and checkpoints happen in `evolution_rl` and `rl` (the reference's `"rl" in mode`). */
export function isRlEnabled(config: Pick<EsplConfig, "train_mode">): boolean {
  return config.train_mode === "evolution_rl" || config.train_mode === "rl";
}

/** Mutation and crossover happen in `evolution_rl` and `evolution` (the reference's `"evolution" in mode`). */
export function isEvolutionEnabled(config: Pick<EsplConfig, "train_mode">): boolean {
  return config.train_mode === "evolution_rl" || config.train_mode === "evolution";
}

export function getDefaultConfig(): EsplConfig {
  return esplConfigSchema.parse({});
}

/** One problem with a configuration, always naming the key it concerns. */
export interface ConfigError {
  key: string;
  message: string;
}

export type ConfigResult = { ok: true; config: EsplConfig } | { ok: false; errors: ConfigError[] };

/** How a command-line value is read before zod validates it (chz parses by the field's Python type). */
type FieldKind = "string" | "nullableString" | "int" | "float";

const FIELD_KINDS = {
  base_url: "nullableString",
  log_path: "nullableString",
  model_name: "string",
  domain: "string",
  experiment_name: "string",
  dataset_size: "int",
  dataset_pair: "string",
  train_mode: "string",
  n_epochs: "int",
  batch_size: "int",
  group_size: "int",
  learning_rate: "float",
  max_length: "int",
  lora_rank: "int",
  save_every: "int",
  max_tokens: "int",
  sampling_temperature: "float",
  top_p: "float",
  max_update_operations: "int",
  rl_loss_fn: "string",
  max_pool_size: "int",
  choose_from_most_recent: "int",
  num_parallel_programs: "int",
  value_baseline_computation: "string",
  test_group_size: "int",
  resume_strategy: "string",
  mutation_sigma: "float",
  crossover_sigma: "float",
  evolution_sample_client: "string",
  crossover_prob: "float",
  program_selection_strategy: "string",
  seed: "int",
} as const satisfies Record<EsplConfigKey, FieldKind>;

function isConfigKey(key: string): key is EsplConfigKey {
  return Object.hasOwn(FIELD_KINDS, key);
}

// Python's int()/float() literals, underscores between digits included; hex and "inf"/"nan" are refused.
const INT_PATTERN = /^[+-]?\d+(?:_\d+)*$/;
const FLOAT_PATTERN =
  /^[+-]?(?:\d+(?:_\d+)*(?:\.(?:\d+(?:_\d+)*)?)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+(?:_\d+)*)?$/;
const NONE_WORDS = new Set(["None", "none", "null"]);

type Coerced = { ok: true; value: unknown } | { ok: false; message: string };

function coerceValue(kind: FieldKind, raw: string): Coerced {
  const text = raw.trim();
  switch (kind) {
    case "string":
      return { ok: true, value: raw };
    case "nullableString":
      return { ok: true, value: NONE_WORDS.has(text) ? null : raw };
    case "int": {
      if (!INT_PATTERN.test(text))
        return { ok: false, message: `expected an integer, got ${JSON.stringify(raw)}` };
      const value = Number(text.replace(/_/g, ""));
      if (!Number.isSafeInteger(value)) return { ok: false, message: `integer ${text} is out of range` };
      return { ok: true, value };
    }
    case "float": {
      if (!FLOAT_PATTERN.test(text))
        return { ok: false, message: `expected a number, got ${JSON.stringify(raw)}` };
      return { ok: true, value: Number(text.replace(/_/g, "")) };
    }
  }
}

/** Validates an already-parsed object (e.g. a stored config.json); unknown keys are errors. */
export function validateConfig(raw: unknown): ConfigResult {
  const parsed = esplConfigSchema.safeParse(raw);
  if (parsed.success) return { ok: true, config: parsed.data };
  const errors: ConfigError[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) errors.push({ key, message: `${key}: unknown configuration key` });
      continue;
    }
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "(config)";
    errors.push({ key, message: `${key}: ${issue.message}` });
  }
  return { ok: false, errors };
}

/**
 * Turns reference-style command-line arguments (`batch_size=4 train_mode=rl …`) into a validated config.
 * Every problem is reported, not just the first, and each names its key.
 */
export function parseConfigArgs(lines: readonly string[]): ConfigResult {
  const errors: ConfigError[] = [];
  const raw: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const line of lines) {
    const eq = line.indexOf("=");
    if (eq < 0) {
      errors.push({ key: line, message: `${line}: expected key=value` });
      continue;
    }
    const key = line.slice(0, eq).trim();
    if (key === "") {
      errors.push({ key, message: `argument ${JSON.stringify(line)} has an empty key` });
      continue;
    }
    if (seen.has(key)) {
      errors.push({ key, message: `${key}: given more than once` });
      continue;
    }
    seen.add(key);
    if (!isConfigKey(key)) {
      errors.push({ key, message: `${key}: unknown configuration key` });
      continue;
    }
    const coerced = coerceValue(FIELD_KINDS[key], line.slice(eq + 1));
    if (coerced.ok) raw[key] = coerced.value;
    else errors.push({ key, message: `${key}: ${coerced.message}` });
  }
  const validated = validateConfig(raw);
  if (!validated.ok) errors.push(...validated.errors);
  return errors.length > 0 ? { ok: false, errors } : validated;
}
