import { describe, expect, test } from "vitest";
import { getDefaultConfig } from "@/lib/espl/config";
import { EMPTY_EXPERIMENT_FIELDS } from "@/lib/domain/launch/experiment-form";
import { draftExperiment } from "./experiment-draft";

const projectId = "00000000-0000-4000-8000-000000000001";
const { seed: _seed, ...defaults } = getDefaultConfig();
void _seed;
const config = { ok: true as const, config: { ...defaults, dataset_size: 8, batch_size: 4, n_epochs: 1 } };
const base = {
  projectId,
  seed: undefined,
  config,
  dataset: { trainCount: 8, testCount: 4 },
  basis: null,
  backendName: "the simulator",
};

describe("draftExperiment", () => {
  test("empty experiment fields: a single run, nothing to count", () => {
    expect(draftExperiment({ ...base, fields: EMPTY_EXPERIMENT_FIELDS })).toEqual({
      active: false,
      errors: {},
      estimate: null,
    });
  });

  test("3 seeds × 2 settings: 6 runs, each cell estimated with its own batch size", () => {
    const draft = draftExperiment({
      ...base,
      fields: { experimentName: "EXP", seeds: "1-3", sweep: "batch_size=4,2\n" },
    });
    expect(draft.errors).toEqual({});
    expect(draft.estimate?.runs).toBe(6);
    // 3 runs of 2 steps (batch 4) and 3 of 4 steps (batch 2).
    expect(draft.estimate?.steps).toBe(3 * 2 + 3 * 4);
  });

  test("errors are keyed like the form's inputs, in the contract's words", () => {
    const draft = draftExperiment({
      ...base,
      seed: 5,
      fields: { experimentName: "", seeds: "2-1", sweep: "nope=1" },
    });
    expect(draft.active).toBe(true);
    expect(draft.estimate).toBeNull();
    expect(draft.errors.experimentName).toEqual(["give the experiment a name"]);
    expect(draft.errors.seed).toEqual(["give one seed or a list of seeds, not both"]);
    expect(draft.errors.seeds?.[0]).toContain("runs backwards");
    expect(draft.errors.sweep?.[0]).toContain("nope");
  });
});
