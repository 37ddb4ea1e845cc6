import { describe, expect, test } from "vitest";
import { checkBackendChoice, listModeAvailability, type LaunchBackendOption } from "./backend-choice";

const backend = (over: Partial<LaunchBackendOption>): LaunchBackendOption => ({
  id: "b1",
  projectId: "p",
  name: "vllm",
  kind: "openai_compatible",
  capabilities: { sampling: true, logprobs: true, training: false },
  testError: null,
  hasDriver: true,
  ...over,
});

describe("backend choice", () => {
  test("a sampling-only backend offers evolution alone and says why not the others", () => {
    const modes = listModeAvailability(backend({}));
    expect(modes.evolution).toBeNull();
    expect(modes.rl).toMatch(/samples only/);
    expect(modes.evolution_rl).toMatch(/samples only/);
  });

  test("the simulator and a trainer offer every mode; `current` only without a separate reflection backend", () => {
    const trainer = backend({ id: "t", capabilities: { sampling: true, logprobs: true, training: true } });
    expect(Object.values(listModeAvailability(null)).every((r) => r === null)).toBe(true);
    expect(Object.values(listModeAvailability(trainer)).every((r) => r === null)).toBe(true);
    const base = { trainMode: "evolution_rl" as const, evolutionSampleClient: "current" as const };
    expect(checkBackendChoice({ ...base, policy: trainer, reflection: null })).toEqual({});
    expect(checkBackendChoice({ ...base, policy: trainer, reflection: trainer })).toEqual({});
    expect(Object.keys(checkBackendChoice({ ...base, policy: trainer, reflection: backend({}) }))).toEqual([
      "config.evolution_sample_client",
    ]);
  });

  test("no driver, a failed test or a missing test are each explained", () => {
    const choice = { trainMode: "evolution" as const, evolutionSampleClient: "reference" as const };
    expect(
      checkBackendChoice({ ...choice, policy: backend({ hasDriver: false }), reflection: null })
        .policyBackendId,
    ).toEqual([expect.stringMatching(/no driver/)]);
    expect(
      checkBackendChoice({ ...choice, policy: null, reflection: backend({ testError: "ECONNREFUSED" }) })
        .reflectionBackendId,
    ).toEqual([expect.stringMatching(/last connection test failed/)]);
    expect(listModeAvailability(backend({ capabilities: null })).rl).toMatch(/not been tested/);
    expect(listModeAvailability(backend({ capabilities: null })).evolution).toBeNull();
  });
});
