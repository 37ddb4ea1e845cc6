import { describe, expect, test } from "vitest";
import {
  esplConfigSchema,
  getDefaultConfig,
  isEvolutionEnabled,
  isRlEnabled,
  parseConfigArgs,
  validateConfig,
  type ConfigResult,
} from "./config";

function errorsOf(result: ConfigResult) {
  if (result.ok) throw new Error("expected errors");
  return result.errors;
}

describe("esplConfigSchema", () => {
  test("defaults match the reference (SPEC §2)", () => {
    const config = getDefaultConfig();
    expect(config).toMatchObject({
      base_url: null,
      model_name: "deepseek-ai/DeepSeek-V3.1",
      domain: "math",
      experiment_name: "system_prompt_learning_rl",
      dataset_size: 256,
      dataset_pair: "aimo_beyondaime",
      train_mode: "evolution_rl",
      n_epochs: 10,
      batch_size: 10,
      group_size: 5,
      learning_rate: 4e-5,
      max_length: 32768,
      lora_rank: 32,
      save_every: 20,
      max_tokens: 15000,
      sampling_temperature: 0.7,
      top_p: 0.95,
      max_update_operations: 2,
      rl_loss_fn: "importance_sampling",
      max_pool_size: 100,
      choose_from_most_recent: 5,
      num_parallel_programs: 3,
      value_baseline_computation: "normal",
      test_group_size: 10,
      resume_strategy: "best",
      mutation_sigma: 1.0,
      crossover_sigma: 1.0,
      evolution_sample_client: "reference",
      crossover_prob: 0.0,
      program_selection_strategy: "uniform",
      seed: 0,
    });
  });

  test("accepts the reference run's config.json as written", () => {
    const written = {
      base_url: null,
      log_path: "tinker-examples/evolution_rl_lucb_seed109",
      model_name: "deepseek-ai/DeepSeek-V3.1",
      domain: "math",
      experiment_name: "evolution_rl_lucb_seed109",
      dataset_size: 24,
      dataset_pair: "aimo_beyondaime",
      train_mode: "evolution_rl",
      n_epochs: 2,
      batch_size: 4,
      group_size: 3,
      learning_rate: 4e-5,
      max_length: 32768,
      lora_rank: 32,
      save_every: 5,
      max_tokens: 15000,
      sampling_temperature: 0.7,
      top_p: 0.95,
      max_update_operations: 2,
      rl_loss_fn: "importance_sampling",
      max_pool_size: 8,
      choose_from_most_recent: 5,
      num_parallel_programs: 3,
      value_baseline_computation: "normal",
      test_group_size: 2,
      resume_strategy: "best",
      mutation_sigma: 1.0,
      crossover_sigma: 1.0,
      evolution_sample_client: "reference",
      crossover_prob: 0.5,
      program_selection_strategy: "lucb",
    };
    const result = validateConfig(written);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.config.seed).toBe(0);
  });

  test("rejects unknown keys, naming them", () => {
    const errors = errorsOf(validateConfig({ batch_size: 4, max_retries: 3 }));
    expect(errors).toEqual([{ key: "max_retries", message: expect.stringContaining("max_retries") }]);
    expect(esplConfigSchema.safeParse({ foo: 1 }).success).toBe(false);
  });

  test.each([
    ["batch_size", 0],
    ["group_size", -1],
    ["n_epochs", 1.5],
    ["max_pool_size", 0],
    ["choose_from_most_recent", -1],
    ["save_every", 0],
    ["learning_rate", 0],
    ["top_p", 1.5],
    ["crossover_prob", 1.01],
    ["sampling_temperature", -0.1],
    ["train_mode", "evolution_rl_extra"],
    ["rl_loss_fn", "grpo"],
    ["value_baseline_computation", "mean"],
    ["resume_strategy", "first"],
    ["evolution_sample_client", "policy"],
    ["program_selection_strategy", "greedy"],
    ["dataset_pair", "gsm8k"],
    ["seed", -3],
    ["learning_rate", Number.POSITIVE_INFINITY],
  ])("rejects %s = %s", (key, value) => {
    const errors = errorsOf(validateConfig({ [key]: value }));
    expect(errors.map((e) => e.key)).toEqual([key]);
    expect(errors[0]?.message.startsWith(`${key}:`)).toBe(true);
  });

  test("choose_from_most_recent = 0 is allowed (whole pool)", () => {
    expect(validateConfig({ choose_from_most_recent: 0 }).ok).toBe(true);
  });
});

describe("mode helpers", () => {
  test.each([
    ["evolution_rl", true, true],
    ["evolution", false, true],
    ["rl", true, false],
  ] as const)("%s → rl %s, evolution %s", (train_mode, rl, evolution) => {
    expect(isRlEnabled({ train_mode })).toBe(rl);
    expect(isEvolutionEnabled({ train_mode })).toBe(evolution);
  });
});

describe("parseConfigArgs", () => {
  test("coerces the reference's command line", () => {
    const result = parseConfigArgs([
      "train_mode=evolution_rl",
      "crossover_prob=0.5",
      "program_selection_strategy=lucb",
      "batch_size=4",
      "learning_rate=1e-4",
      "max_pool_size=1_000",
      "base_url=None",
      "log_path=/tmp/run a",
      "experiment_name=exp=1",
      "seed=109",
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config).toMatchObject({
      train_mode: "evolution_rl",
      crossover_prob: 0.5,
      program_selection_strategy: "lucb",
      batch_size: 4,
      learning_rate: 1e-4,
      max_pool_size: 1000,
      base_url: null,
      log_path: "/tmp/run a",
      experiment_name: "exp=1",
      seed: 109,
      group_size: 5,
    });
  });

  test("no arguments gives the defaults", () => {
    expect(parseConfigArgs([])).toEqual({ ok: true, config: getDefaultConfig() });
  });

  test("reports every bad argument, each naming its key", () => {
    const errors = errorsOf(
      parseConfigArgs([
        "batch_size=ten",
        "learning_rate=fast",
        "group_size=2.5",
        "dataset_size=0x10",
        "top_p=inf",
        "bogus=1",
        "train_mode=evolution_rl_v2",
        "n_epochs=0",
        "crossover_prob=",
        "seed=None",
        "noequals",
        "=3",
        "batch_size=4",
      ]),
    );
    const keys = errors.map((e) => e.key);
    expect(keys).toEqual([
      "batch_size",
      "learning_rate",
      "group_size",
      "dataset_size",
      "top_p",
      "bogus",
      "crossover_prob",
      "seed",
      "noequals",
      "",
      "batch_size",
      "train_mode",
      "n_epochs",
    ]);
    for (const e of errors.filter((x) => x.key !== "")) expect(e.message).toContain(e.key);
    expect(errors.find((e) => e.key === "bogus")?.message).toMatch(/unknown/);
    expect(errors.at(-3)?.message).toMatch(/more than once/);
  });

  test("None is only accepted for nullable keys", () => {
    expect(errorsOf(parseConfigArgs(["model_name=None", "batch_size=None"])).map((e) => e.key)).toEqual([
      "batch_size",
    ]);
  });
});
