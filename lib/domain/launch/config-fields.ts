/**
 * The launch form's layout of the engine config: which key sits in which group, with a label and, for
 * enum keys, the choices (read from the engine's own schema so they never drift). Validation is not
 * here: the form validates with the engine's schema through formValuesToConfig.
 */
import {
  DATASET_PAIRS,
  EVOLUTION_SAMPLE_CLIENTS,
  PROGRAM_SELECTION_STRATEGIES,
  RESUME_STRATEGIES,
  RL_LOSS_FNS,
  TRAIN_MODES,
  VALUE_BASELINE_COMPUTATIONS,
  type EsplConfigKey,
} from "@/lib/espl/config";

export interface ConfigField {
  key: Exclude<EsplConfigKey, "seed">;
  label: string;
  choices?: readonly string[];
  /** A short hint under the field. */
  hint?: string;
}

export interface ConfigGroup {
  id: string;
  legend: string;
  fields: readonly ConfigField[];
}

export const CONFIG_GROUPS: readonly ConfigGroup[] = [
  {
    id: "general",
    legend: "General",
    fields: [
      { key: "train_mode", label: "Train mode", choices: TRAIN_MODES },
      { key: "experiment_name", label: "Experiment name" },
      { key: "domain", label: "Domain" },
      { key: "log_path", label: "Log path", hint: "empty: the runner chooses" },
      { key: "save_every", label: "Checkpoint every (steps)" },
      { key: "resume_strategy", label: "Resume strategy", choices: RESUME_STRATEGIES },
    ],
  },
  {
    id: "data",
    legend: "Data",
    fields: [
      {
        key: "dataset_pair",
        label: "Reference dataset pair",
        // Kept so reference command lines parse; the studio's runs read the Dataset chosen above.
        hint: "the reference script's data; not used here: the run uses the Dataset above",
        choices: DATASET_PAIRS,
      },
      { key: "dataset_size", label: "Training problems used", hint: "≤ 0 keeps the whole training split" },
      { key: "n_epochs", label: "Epochs" },
      { key: "batch_size", label: "Batch size (B)" },
      { key: "group_size", label: "Group size (G)" },
      { key: "test_group_size", label: "Test samples per problem (T)" },
    ],
  },
  {
    id: "rl",
    legend: "RL",
    fields: [
      { key: "learning_rate", label: "Learning rate" },
      { key: "rl_loss_fn", label: "Loss function", choices: RL_LOSS_FNS },
      { key: "lora_rank", label: "LoRA rank" },
      { key: "value_baseline_computation", label: "Value baseline", choices: VALUE_BASELINE_COMPUTATIONS },
      { key: "max_length", label: "Max length (unused by the reference)" },
    ],
  },
  {
    id: "evolution",
    legend: "Evolution",
    fields: [
      { key: "num_parallel_programs", label: "Programs per step (k)" },
      {
        key: "program_selection_strategy",
        label: "Program selection",
        choices: PROGRAM_SELECTION_STRATEGIES,
      },
      { key: "max_pool_size", label: "Pool size" },
      { key: "choose_from_most_recent", label: "Choose from most recent", hint: "0: the whole pool" },
      { key: "crossover_prob", label: "Crossover probability" },
      { key: "mutation_sigma", label: "Mutation σ" },
      { key: "crossover_sigma", label: "Crossover σ" },
      { key: "max_update_operations", label: "Operations per critiqued problem" },
      { key: "evolution_sample_client", label: "Evolution sample client", choices: EVOLUTION_SAMPLE_CLIENTS },
    ],
  },
  {
    id: "model",
    legend: "Model backend",
    fields: [
      { key: "model_name", label: "Model name" },
      { key: "base_url", label: "Base URL", hint: "empty: none" },
      { key: "max_tokens", label: "Max tokens" },
      { key: "sampling_temperature", label: "Sampling temperature" },
      { key: "top_p", label: "Top p" },
    ],
  },
];

export const FORM_CONFIG_KEYS: readonly ConfigField["key"][] = CONFIG_GROUPS.flatMap((g) =>
  g.fields.map((f) => f.key),
);
