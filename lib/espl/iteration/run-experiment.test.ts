import { describe, expect, test } from "vitest";
import { esplConfigSchema } from "../config";
import type { EsplConfig } from "../config";
import type { EngineState } from "./engine-state";
import { countSteps, runExperiment } from "./run-experiment";
import type { ExperimentDeps, ExperimentInput } from "./run-experiment";
import { createFakeChat, FakePolicyBackend, gradeBoxed, makeProblems } from "./testing/fake-ports";
import type { IterationResult } from "./types";

const train = makeProblems(7);
const test_ = makeProblems(3, "Test");

function config(overrides: Partial<EsplConfig> = {}): EsplConfig {
  return esplConfigSchema.parse({
    batch_size: 3,
    group_size: 3,
    test_group_size: 2,
    n_epochs: 3,
    max_pool_size: 4,
    crossover_prob: 0.5,
    program_selection_strategy: "lucb",
    save_every: 2,
    seed: 11,
    ...overrides,
  });
}

interface Recorded {
  results: IterationResult[];
  states: EngineState[];
}

function recordingDeps(
  backend = new FakePolicyBackend(),
): ExperimentDeps & Recorded & { backend: FakePolicyBackend } {
  const results: IterationResult[] = [];
  const states: EngineState[] = [];
  return {
    backend,
    chat: createFakeChat(),
    grade: gradeBoxed,
    results,
    states,
    store: {
      async commitStep(result, state) {
        results.push(result);
        states.push(state);
      },
    },
  };
}

/** Results without wall-clock fields, which differ between any two runs. */
function comparable(result: IterationResult): unknown {
  const copy = JSON.parse(JSON.stringify(result)) as IterationResult;
  const { timings: _timings, ...rest } = copy;
  delete rest.metrics.logged["time/total"];
  return rest;
}

describe("runExperiment", () => {
  test("walks n_epochs of shuffled batches, each epoch covering the training set once", async () => {
    const cfg = config();
    const deps = recordingDeps();
    const outcome = await runExperiment({ config: cfg, train, test: test_ }, deps);
    const { numBatches, totalSteps } = countSteps(cfg, train.length);
    expect(numBatches).toBe(3);
    expect(outcome).toMatchObject({ stepsRun: 9, completed: true, totalSteps: 9 });
    expect(deps.results.map((r) => [r.step, r.epoch, r.batchIndex])).toEqual(
      Array.from({ length: totalSteps }, (_, s) => [s, Math.floor(s / 3), s % 3]),
    );
    for (let epoch = 0; epoch < 3; epoch++) {
      const seen = deps.results
        .filter((r) => r.epoch === epoch)
        .flatMap((r) => [...new Set(r.trainRollouts.map((x) => x.datasetIndex))]);
      expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    }
    // The last batch of an epoch holds the remainder.
    expect(new Set(deps.results[2]!.trainRollouts.map((x) => x.problemIndex)).size).toBe(1);
    // Pool FIFO with capacity 4, and a final checkpoint after the loop.
    expect(outcome.state.pool.evolution_pool.length).toBeLessThanOrEqual(4);
    expect(outcome.finalCheckpoint).toEqual({ backendRef: "fake://weights/final" });
    expect(deps.backend.calls.filter((c) => c.kind === "save").at(-1)).toEqual({
      kind: "save",
      name: "final",
    });
    expect(outcome.state.checkpoints.at(-1)).toMatchObject({ name: "final", step: 8 });
    expect(outcome.state.nextStep).toBe(9);
    // The run exercised what resume has to carry: evictions, crossovers, checkpoints.
    expect(deps.results.some((r) => r.evictedProgramIds.length > 0)).toBe(true);
    expect(deps.results.some((r) => r.newPrograms.some((p) => p.origin === "crossover"))).toBe(true);
    expect(deps.results.filter((r) => r.checkpoint.saved).length).toBeGreaterThan(1);
  });

  test("running N steps straight equals running k, restoring the JSON snapshot, and running the rest", async () => {
    const cfg = config();
    const straight = recordingDeps();
    const full = await runExperiment({ config: cfg, train, test: test_ }, straight);

    for (const k of [1, 3, 4]) {
      const first = recordingDeps();
      const paused = await runExperiment({ config: cfg, train, test: test_, maxSteps: k }, first);
      expect(paused).toMatchObject({ stepsRun: k, completed: false, finalCheckpoint: null });
      expect(paused.state).toEqual(first.states.at(-1));

      const stored: unknown = JSON.parse(JSON.stringify(first.states.at(-1)));
      const second = recordingDeps();
      const resumed = await runExperiment({ config: cfg, train, test: test_, resumeFrom: stored }, second);
      expect(resumed.stepsRun).toBe(9 - k);

      const results = [...first.results, ...second.results].map(comparable);
      expect(results).toEqual(straight.results.map(comparable));
      expect(resumed.state).toEqual(full.state);
    }
  });

  test("shouldStop pauses at a step boundary; resuming a finished run does nothing", async () => {
    const cfg = config({ n_epochs: 1 });
    const deps = recordingDeps();
    let asked = 0;
    const input: ExperimentInput = { config: cfg, train, test: test_, shouldStop: () => ++asked > 2 };
    const paused = await runExperiment(input, deps);
    expect(paused).toMatchObject({ stepsRun: 2, completed: false });
    const done = await runExperiment({ config: cfg, train, test: test_, resumeFrom: paused.state }, deps);
    expect(done).toMatchObject({ stepsRun: 1, completed: true });
    const again = await runExperiment({ config: cfg, train, test: test_, resumeFrom: done.state }, deps);
    expect(again).toMatchObject({ stepsRun: 0, completed: true, finalCheckpoint: null });
    expect(deps.backend.calls.filter((c) => c.kind === "save" && c.name === "final")).toHaveLength(1);
  });

  test("dataset_size keeps the first problems; a malformed state is refused", async () => {
    const cfg = config({ dataset_size: 4, n_epochs: 1, batch_size: 2 });
    const deps = recordingDeps();
    const outcome = await runExperiment({ config: cfg, train, test: test_ }, deps);
    expect(outcome.totalSteps).toBe(2);
    const used = new Set(deps.results.flatMap((r) => r.trainRollouts.map((x) => x.datasetIndex)));
    expect([...used].sort()).toEqual([0, 1, 2, 3]);
    await expect(
      runExperiment({ config: cfg, train, test: test_, resumeFrom: { ...outcome.state, version: 2 } }, deps),
    ).rejects.toThrow();
  });

  test("a backend failure propagates; the last committed state resumes the run", async () => {
    const cfg = config({ n_epochs: 1 });
    const failing = recordingDeps(new FakePolicyBackend({ failSampleAt: 4 }));
    await expect(runExperiment({ config: cfg, train, test: test_ }, failing)).rejects.toThrow(
      "sampling service",
    );
    expect(failing.states).toHaveLength(2);

    const straight = recordingDeps();
    await runExperiment({ config: cfg, train, test: test_ }, straight);
    const retry = recordingDeps();
    await runExperiment({ config: cfg, train, test: test_, resumeFrom: failing.states.at(-1) }, retry);
    expect([...failing.results, ...retry.results].map(comparable)).toEqual(straight.results.map(comparable));
  });
});
