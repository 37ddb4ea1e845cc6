import { describe, expect, test } from "vitest";
import { describeProvenance, type ProvenanceInput } from "./run-provenance";

const imported = (over: Partial<ProvenanceInput> = {}): ProvenanceInput => ({
  source: "imported",
  seed: 0,
  config: { model_name: "deepseek-ai/DeepSeek-V3.1", base_url: null, seed: 0 },
  engineState: { imported: { configKeys: ["model_name", "base_url"], logDir: "x" } },
  policyBackend: null,
  clockElapsedMs: 3,
  stepCount: 2,
  loggedTime: { seconds: 500, steps: 2 },
  ...over,
});

describe("describeProvenance", () => {
  test("an imported run: model and Tinker from config.json, elapsed from time/total, the default seed is not a seed", () => {
    expect(describeProvenance(imported())).toEqual({
      source: "imported",
      label: "imported from the reference script",
      model: "deepseek-ai/DeepSeek-V3.1",
      backend: "Tinker",
      seed: null,
      elapsed: { ms: 500_000, from: "time/total", steps: 2 },
      recordedConfigKeys: ["base_url", "model_name"],
    });
  });

  test("what config.json held counts, not our defaults: no model_name key, no model", () => {
    const p = describeProvenance(imported({ engineState: { imported: { configKeys: ["seed"] } } }));
    expect(p).toMatchObject({ model: null, backend: "Tinker", seed: 0 });
  });

  test("no config.json and no time/total: not recorded, never zero", () => {
    const p = describeProvenance(
      imported({ engineState: { imported: { configKeys: [] } }, loggedTime: { seconds: 0, steps: 0 } }),
    );
    expect(p).toMatchObject({ model: null, backend: null, seed: null, elapsed: null });
  });

  test("a service address in base_url is named", () => {
    const p = describeProvenance(imported({ config: { base_url: "https://t.example" } }));
    expect(p.backend).toBe("Tinker at https://t.example");
  });

  test("a native run on a backend: its name, config model, seed and clock time; no steps yet, no elapsed", () => {
    const p = describeProvenance({
      ...imported(),
      source: "native",
      seed: 5,
      policyBackend: { kind: "openai", name: "local vLLM" },
      clockElapsedMs: null,
    });
    expect(p).toEqual({
      source: "backend",
      label: "backend local vLLM",
      model: "deepseek-ai/DeepSeek-V3.1",
      backend: "local vLLM",
      seed: 5,
      elapsed: null,
      recordedConfigKeys: null,
    });
  });
});
