import { describe, expect, test } from "vitest";
import { getDefaultConfig } from "@/lib/espl/config";
import { getPresetConfig } from "@/lib/domain/runs/presets";
import { FORM_CONFIG_KEYS } from "./config-fields";
import { configToFormValues, formValuesToConfig } from "./form-values";

describe("form values ↔ config", () => {
  test("every config key but seed has a field, and a preset round-trips exactly", () => {
    const keys = Object.keys(getDefaultConfig()).filter((k) => k !== "seed");
    expect([...FORM_CONFIG_KEYS].sort()).toEqual(keys.sort());
    const { seed: _seed, ...preset } = getPresetConfig("espl-lucb");
    const back = formValuesToConfig(configToFormValues(getPresetConfig("espl-lucb")));
    expect(back).toEqual({ ok: true, config: preset });
  });

  test("empty nullable text means null; numbers are read like the CLI reads them", () => {
    const values = {
      ...configToFormValues(getDefaultConfig()),
      base_url: " ",
      batch_size: "1_0",
      learning_rate: "1e-4",
    };
    const result = formValuesToConfig(values);
    expect(
      result.ok && [result.config.base_url, result.config.batch_size, result.config.learning_rate],
    ).toEqual([null, 10, 1e-4]);
  });

  test("bad values come back keyed by field, without the key prefix", () => {
    const values = {
      ...configToFormValues(getDefaultConfig()),
      batch_size: "0",
      crossover_prob: "lots",
      top_p: "2",
    };
    const result = formValuesToConfig(values);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(["batch_size", "crossover_prob", "top_p"]);
    expect(result.errors.crossover_prob).toEqual(['expected a number, got "lots"']);
    expect(result.errors.batch_size).toEqual(["must be an integer from 1 to 10,000"]);
  });
});
