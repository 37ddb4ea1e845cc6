import { describe, expect, test } from "vitest";
import { esplConfigSchema, getDefaultConfig } from "@/lib/espl/config";
import { findPreset, getPresetConfig, isPresetId, PRESET_IDS, PRESETS } from "./presets";

describe("presets", () => {
  test("there is one preset per id, each with a label and a description", () => {
    expect(PRESETS.map((p) => p.id)).toEqual([...PRESET_IDS]);
    for (const preset of PRESETS) {
      expect(preset.label.length).toBeGreaterThan(0);
      expect(preset.description.length).toBeGreaterThan(0);
    }
  });

  test.each(PRESET_IDS)("%s is a valid config that differs from the defaults only where it says", (id) => {
    const config = getPresetConfig(id);
    expect(esplConfigSchema.parse(config)).toEqual(config);
    const defaults = getDefaultConfig();
    const changed = Object.keys(config).filter(
      (key) => config[key as keyof typeof config] !== defaults[key as keyof typeof defaults],
    );
    for (const key of changed) expect(Object.keys(findPreset(id)!.config)).toContain(key);
  });

  test("espl-lucb is the reference README example", () => {
    expect(getPresetConfig("espl-lucb")).toMatchObject({
      train_mode: "evolution_rl",
      program_selection_strategy: "lucb",
      crossover_prob: 0.2,
      max_pool_size: 200,
      choose_from_most_recent: 10,
      sampling_temperature: 0.6,
    });
  });

  test("the modes of the other presets", () => {
    expect(getPresetConfig("espl-mutation")).toMatchObject({
      train_mode: "evolution_rl",
      program_selection_strategy: "uniform",
      crossover_prob: 0,
    });
    expect(getPresetConfig("evolution").train_mode).toBe("evolution");
    expect(getPresetConfig("rl").train_mode).toBe("rl");
  });

  test("unknown names are not presets", () => {
    expect(isPresetId("espl")).toBe(false);
    expect(findPreset("nope")).toBeUndefined();
    expect(isPresetId("rl")).toBe(true);
  });
});
