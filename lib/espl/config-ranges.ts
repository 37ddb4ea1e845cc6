/**
 * The documented range of every numeric config key, enforced by the one config schema (config.ts), so
 * the CLI, the launch form and the API refuse the same values with the same words. The bounds are
 * generous next to the reference's defaults (and the paper's runs) but keep every value, and what is
 * derived from it (a run's step count, a step's sample count), inside a PostgreSQL integer and inside
 * what one worker can hold. Operators narrow the resource-heavy ones further with ESPL_MAX_* variables
 * (lib/domain/runs/resource-limits.ts).
 */

export interface NumericRange {
  min: number;
  max: number;
  /** True when min itself is excluded (a rate of 0 is meaningless, 0.0001 is not). */
  minExclusive?: boolean;
  integer: boolean;
}

const int = (min: number, max: number): NumericRange => ({ min, max, integer: true });
const real = (min: number, max: number, minExclusive = false): NumericRange => ({
  min,
  max,
  minExclusive,
  integer: false,
});

export const CONFIG_RANGES = {
  // ≤ 0 keeps the whole training set.
  dataset_size: int(-1_000_000, 1_000_000),
  n_epochs: int(1, 10_000),
  batch_size: int(1, 10_000),
  group_size: int(1, 1_000),
  learning_rate: real(0, 1, true),
  max_length: int(1, 1_048_576),
  lora_rank: int(1, 1_024),
  save_every: int(1, 1_000_000),
  max_tokens: int(1, 1_048_576),
  sampling_temperature: real(0, 10),
  top_p: real(0, 1, true),
  max_update_operations: int(0, 100),
  max_pool_size: int(1, 10_000),
  // 0 means the whole pool.
  choose_from_most_recent: int(0, 10_000),
  num_parallel_programs: int(1, 64),
  test_group_size: int(1, 1_000),
  mutation_sigma: real(0, 1_000),
  crossover_sigma: real(0, 1_000),
  crossover_prob: real(0, 1),
  // The engine's Rng takes any safe integer; a launched run's seed is narrower (runs.seed is a
  // PostgreSQL integer, MAX_RUN_SEED in lib/domain/runs/run-seed.ts).
  seed: int(0, Number.MAX_SAFE_INTEGER),
} as const satisfies Record<string, NumericRange>;

export type RangedConfigKey = keyof typeof CONFIG_RANGES;

/** "an integer from 1 to 10,000": how a range reads in messages and in the docs. */
export function describeRange(range: NumericRange): string {
  const format = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 6 });
  const kind = range.integer ? "an integer" : "a number";
  const lower = range.minExclusive ? `above ${format(range.min)}` : `from ${format(range.min)}`;
  return `${kind} ${lower} to ${format(range.max)}`;
}
