/**
 * Named starting points for a run's config, shown by the CLI (`--preset`) and the launch form. A preset
 * holds only the keys it changes; the rest comes from getDefaultConfig(), so a new engine default reaches
 * every preset without editing it.
 */
import { getDefaultConfig, type EsplConfig } from "@/lib/espl/config";

export const PRESET_IDS = ["espl-lucb", "espl-mutation", "evolution", "rl"] as const;

export type PresetId = (typeof PRESET_IDS)[number];

export interface ConfigPreset {
  id: PresetId;
  label: string;
  description: string;
  config: Partial<EsplConfig>;
}

export const PRESETS: readonly ConfigPreset[] = [
  {
    id: "espl-lucb",
    label: "E-SPL: mutation + crossover, lucb",
    description:
      "The reference README's example: RL and evolution together, LUCB program selection, crossover " +
      "in 20% of steps, a pool of 200 choosing among the 10 newest, sampling temperature 0.6.",
    config: {
      train_mode: "evolution_rl",
      program_selection_strategy: "lucb",
      crossover_prob: 0.2,
      max_pool_size: 200,
      choose_from_most_recent: 10,
      sampling_temperature: 0.6,
    },
  },
  {
    id: "espl-mutation",
    label: "E-SPL: mutation only",
    description: "RL and evolution together, uniform program selection, no crossover.",
    config: { train_mode: "evolution_rl", program_selection_strategy: "uniform", crossover_prob: 0 },
  },
  {
    id: "evolution",
    label: "Evolution only",
    description: "System prompts evolve by reflection; the model's weights never change.",
    config: { train_mode: "evolution" },
  },
  {
    id: "rl",
    label: "RL only",
    description: "Policy-gradient updates of the weights under the fixed root prompt; no evolution.",
    config: { train_mode: "rl" },
  },
];

export function isPresetId(value: string): value is PresetId {
  return (PRESET_IDS as readonly string[]).includes(value);
}

export function findPreset(id: string): ConfigPreset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The full config a preset stands for. */
export function getPresetConfig(id: PresetId): EsplConfig {
  const preset = findPreset(id);
  if (!preset) throw new RangeError(`unknown preset ${id}`);
  return { ...getDefaultConfig(), ...preset.config };
}
