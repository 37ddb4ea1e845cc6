/**
 * Resource bounds checked where a run is created (createRun: the CLI, the launch form and the API all go
 * through it), on top of each key's own range (lib/espl/config-ranges.ts): what one step samples, how many
 * steps the run takes, and how long a completion may be. A run past them would exhaust the worker's
 * memory on every claim, or queue work for years; it is refused at launch with the key and the limit.
 * Operators set the limits with ESPL_MAX_* variables (README, Configuration).
 */
import { z } from "zod";
import type { EsplConfig } from "@/lib/espl/config";

export interface ResourceLimits {
  /** Rollouts sampled per step: batch_size × group_size × num_parallel_programs (plus the test set's). */
  stepSamples: number;
  /** Steps of the run: ⌈problems ÷ batch_size⌉ × n_epochs. */
  totalSteps: number;
  /** max_tokens and max_length, each. */
  tokens: number;
}

export const DEFAULT_RESOURCE_LIMITS: ResourceLimits = {
  stepSamples: 20_000,
  totalSteps: 100_000,
  tokens: 131_072,
};

const INT4_MAX = 2_147_483_647;
const limit = (fallback: number) => z.coerce.number().int().min(1).max(INT4_MAX).default(fallback);

const limitsEnvSchema = z.object({
  ESPL_MAX_STEP_SAMPLES: limit(DEFAULT_RESOURCE_LIMITS.stepSamples),
  ESPL_MAX_TOTAL_STEPS: limit(DEFAULT_RESOURCE_LIMITS.totalSteps),
  ESPL_MAX_TOKENS: limit(DEFAULT_RESOURCE_LIMITS.tokens),
});

/** The limits from the environment; an empty variable means the default, a bad one is a startup error. */
export function parseResourceLimits(env: Record<string, string | undefined>): ResourceLimits {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = limitsEnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`invalid resource limits: ${problems}`);
  }
  return {
    stepSamples: parsed.data.ESPL_MAX_STEP_SAMPLES,
    totalSteps: parsed.data.ESPL_MAX_TOTAL_STEPS,
    tokens: parsed.data.ESPL_MAX_TOKENS,
  };
}

export interface ResourceUse {
  config: Pick<
    EsplConfig,
    "batch_size" | "group_size" | "num_parallel_programs" | "test_group_size" | "max_tokens" | "max_length"
  >;
  totalSteps: number;
  /** Problems of the test split, each sampled test_group_size times per step. */
  testProblems: number;
}

/** What a step samples, as run-iteration.ts plans it: every slot × batch problem × group, and the test set. */
export function countStepSamples(use: Pick<ResourceUse, "config" | "testProblems">): number {
  const { batch_size, group_size, num_parallel_programs, test_group_size } = use.config;
  return batch_size * group_size * num_parallel_programs + use.testProblems * test_group_size;
}

const format = (n: number) => n.toLocaleString("en-US");

/** Every limit the run exceeds, each keyed by the config key to change and naming the limit. */
export function checkResourceLimits(use: ResourceUse, limits: ResourceLimits): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (key: string, message: string) => (problems[key] ??= []).push(message);
  const samples = countStepSamples(use);
  if (samples > limits.stepSamples)
    add(
      "group_size",
      `a step would sample ${format(samples)} rollouts (batch_size × group_size × num_parallel_programs` +
        `${use.testProblems > 0 ? " + test problems × test_group_size" : ""}); the limit is ` +
        `${format(limits.stepSamples)} (ESPL_MAX_STEP_SAMPLES)`,
    );
  if (use.totalSteps > limits.totalSteps)
    add(
      "n_epochs",
      `the run would take ${format(use.totalSteps)} steps (⌈problems ÷ batch_size⌉ × n_epochs); the limit ` +
        `is ${format(limits.totalSteps)} (ESPL_MAX_TOTAL_STEPS)`,
    );
  for (const key of ["max_tokens", "max_length"] as const)
    if (use.config[key] > limits.tokens)
      add(
        key,
        `${format(use.config[key])} tokens is above the limit of ${format(limits.tokens)} (ESPL_MAX_TOKENS)`,
      );
  return problems;
}
