import { describe, expect, test } from "vitest";
import { INITIAL_BEST_CKPT_STEP, INITIAL_BEST_TEST_ACC } from "../checkpoint";
import { esplConfigSchema } from "../config";
import type { EsplConfig } from "../config";
import type { ChatFn, ChatRequest } from "../llm/chat";
import { EvolutionPool } from "../pool";
import { createProgram } from "../program";
import { SeededRng } from "../rng";
import { runIteration } from "./run-iteration";
import type { IterationDeps, IterationInput } from "./run-iteration";
import { createFakeChat, FakePolicyBackend, gradeBoxed, makeProblems } from "./testing/fake-ports";

function config(overrides: Partial<EsplConfig> = {}): EsplConfig {
  return esplConfigSchema.parse({
    batch_size: 3,
    group_size: 4,
    test_group_size: 2,
    num_parallel_programs: 3,
    ...overrides,
  });
}

function input(
  cfg: EsplConfig,
  pool = EvolutionPool.createWithRoot(cfg.max_pool_size),
  step = 0,
): IterationInput {
  return {
    config: cfg,
    step,
    epoch: 0,
    batchIndex: step,
    numBatches: 4,
    batch: makeProblems(cfg.batch_size),
    testProblems: makeProblems(2, "Test"),
    pool,
    best: { bestTestAcc: INITIAL_BEST_TEST_ACC, bestCkptStep: INITIAL_BEST_CKPT_STEP },
    startStep: 0,
  };
}

function deps(overrides: Partial<IterationDeps> = {}): IterationDeps & { backend: FakePolicyBackend } {
  return {
    backend: new FakePolicyBackend(),
    chat: createFakeChat(),
    rng: SeededRng.fromSeed(7),
    grade: gradeBoxed,
    ...overrides,
  } as IterationDeps & { backend: FakePolicyBackend };
}

/** A pool of three distinct programs, so selection, ranking and crossover have something to work with. */
function poolOfThree(maxPoolSize = 100): EvolutionPool {
  const pool = EvolutionPool.createWithRoot(maxPoolSize);
  for (const texts of [["Check parity."], ["Use symmetry.", "Bound first."]]) {
    pool.add(
      createProgram({
        programId: pool.getNewProgramId(),
        principles: texts.map((text, i) => ({ id: `G${i}`, text })),
        timestep: 0,
      }),
    );
  }
  return pool;
}

describe("runIteration", () => {
  test("evolution_rl step 0: samples test then train, checkpoints before training, adds a mutation child", async () => {
    const cfg = config();
    const d = deps();
    const pool = EvolutionPool.createWithRoot(cfg.max_pool_size);
    const result = await runIteration(input(cfg, pool), d);

    expect(d.backend.calls.map((c) => c.kind)).toEqual(["sample", "sample", "save", "train"]);
    expect(d.backend.calls[0]).toEqual({ kind: "sample", requests: 2, samples: 4 });
    expect(d.backend.calls[1]).toEqual({ kind: "sample", requests: 9, samples: 36 });
    expect(result.checkpoint).toMatchObject({ saved: true, name: "000000", bestCkptStep: 0 });
    expect(result.checkpoint.ref).toEqual({ backendRef: "fake://weights/000000" });

    // Step 0: the pool holds the root alone, so uniform selection draws it k times.
    expect(result.selectedProgramIds).toEqual([0, 0, 0]);
    expect(result.trainRollouts).toHaveLength(3 * 3 * 4);
    expect(result.testRollouts).toHaveLength(2 * 2);
    expect(result.trainPrompts[0]![0]).toBe(makeProblems(1)[0]!.question);
    expect(result.testPrompts[0]).toContain("None");
    expect(result.ratingUpdates).toHaveLength(1);
    expect(result.ratingUpdates[0]!.before).toEqual(result.ratingUpdates[0]!.after);

    const mutation = result.evolution.events.find((e) => e.kind === "mutation")!;
    expect(mutation.status).toBe("ok");
    expect(result.newPrograms.map((p) => [p.programId, p.origin, p.parentIds, p.birthStep])).toEqual(
      mutation.outcome === "child_created" ? [[1, "mutation", [0], 0]] : [],
    );
    expect(pool.size).toBe(1 + result.newPrograms.length);
    expect(result.samplesConsumed).toBe(36 + 4);
    expect(result.rngState).toEqual((d.rng as SeededRng).getState());
  });

  test("metrics use the reference names; the logged line carries the global step", async () => {
    const cfg = config();
    const result = await runIteration({ ...input(cfg), step: 5, batchIndex: 1 }, deps());
    expect(Object.keys(result.metrics.rollout)).toEqual([
      "Agg_avg_reward",
      "Agg_Pass@4",
      "avg_question_Pass@1",
      "min_question_Pass@1",
      "max_question_Pass@1",
      "avg_question_Pass@4",
      "min_question_Pass@4",
      "max_question_Pass@4",
      "avg_PROGRAM_Pass@1",
      "min_PROGRAM_Pass@1",
      "max_PROGRAM_Pass@1",
      "avg_PROGRAM_Pass@4",
      "min_PROGRAM_Pass@4",
      "max_PROGRAM_Pass@4",
    ]);
    expect(Object.keys(result.metrics.test)).toEqual(["eval_avg_reward", "Pass@1", "Pass@2"]);
    expect(result.metrics.logged).toMatchObject({
      step: 5,
      "progress/batch": 1,
      "progress/done_frac": 0.5,
      "optim/lr": cfg.learning_rate,
      "rollout/Agg_avg_reward": result.metrics.rollout.Agg_avg_reward,
      "testing/Pass@2": result.metrics.test["Pass@2"],
    });
    expect(result.metrics.logged["train/loss:sum"]).toBeTypeOf("number");
  });

  test("rl mode: no evolution, no rating change, training on every non-constant group", async () => {
    const cfg = config({ train_mode: "rl" });
    const d = deps();
    const pool = EvolutionPool.createWithRoot(cfg.max_pool_size);
    const result = await runIteration(input(cfg, pool), d);
    expect(result.evolution).toEqual({
      enabled: false,
      crossoverDraw: null,
      crossoverTriggered: false,
      events: [],
    });
    expect(pool.size).toBe(1);
    const trained = result.trainRollouts.filter((r) => r.trained);
    expect(result.training.itemCount).toBe(trained.length);
    expect(result.training.skippedGroups * cfg.group_size).toBe(result.trainRollouts.length - trained.length);
    // A group is trained iff one of its advantages is non-zero.
    for (const r of result.trainRollouts) {
      const group = result.trainRollouts.filter(
        (o) => o.slot === r.slot && o.problemIndex === r.problemIndex,
      );
      expect(r.trained).toBe(group.some((o) => o.advantage !== 0));
    }
  });

  test("evolution mode: never trains or checkpoints but still tracks the best test accuracy", async () => {
    const cfg = config({ train_mode: "evolution" });
    const d = deps();
    const result = await runIteration(input(cfg), d);
    expect(d.backend.calls.map((c) => c.kind)).toEqual(["sample", "sample"]);
    expect(result.training).toEqual({
      status: "disabled",
      itemCount: 0,
      skippedGroups: expect.any(Number),
      metrics: {},
    });
    expect(result.checkpoint).toMatchObject({ saved: false, name: null, ref: null, bestCkptStep: 0 });
    expect(result.trainRollouts.every((r) => !r.trained)).toBe(true);
  });

  test("crossover: attempted when the coin comes up; its child is added before the mutation child", async () => {
    const cfg = config({ crossover_prob: 1, choose_from_most_recent: 3, batch_size: 4 });
    let crossoverSeen = false;
    for (let seed = 0; seed < 40 && !crossoverSeen; seed++) {
      const pool = poolOfThree();
      const log: ChatRequest[] = [];
      const result = await runIteration(
        // The fake backend answers by prompt, so a different batch per try gives different winners.
        { ...input(cfg, pool), batch: makeProblems(4, `Try ${seed}`) },
        deps({ rng: SeededRng.fromSeed(seed), chat: createFakeChat(log) }),
      );
      expect(result.evolution.crossoverTriggered).toBe(true);
      const crossover = result.evolution.events.find((e) => e.kind === "crossover");
      if (crossover?.outcome !== "child_created") continue;
      crossoverSeen = true;
      // The crossover prompt goes out before any mutation prompt.
      expect(log[0]!.purpose).toBe("crossover");
      expect(result.evolution.events.map((e) => e.kind)).toEqual(["crossover", "mutation"]);
      expect(result.newPrograms[0]).toMatchObject({ programId: 3, origin: "crossover" });
      expect(crossover.childId).toBe(3);
      expect(crossover.parentIds[0]).toBe(result.selectedProgramIds[result.ranking.bestSlot]);
      expect(crossover.calls).toHaveLength(1);
      expect(crossover.details.kind === "crossover" && crossover.details.winners).toHaveLength(4);
      const child = pool.find(3)!;
      expect(child.parentsList).toEqual(crossover.parentIds);
      for (const id of crossover.parentIds) expect(pool.find(id)!.childrenList).toContain(3);
    }
    expect(crossoverSeen).toBe(true);
  });

  test("a failing or garbled reflection LLM becomes a failed event, never an exception", async () => {
    const cfg = config({ crossover_prob: 1, choose_from_most_recent: 3 });
    const failing: ChatFn = async (request) => {
      if (request.purpose === "mutation.summary") throw new Error("reflection model down");
      if (request.purpose === "mutation.critique") return "```json\n42\n```";
      return "```json\nnull\n```";
    };
    let failedCrossovers = 0;
    for (let seed = 0; seed < 20; seed++) {
      const pool = poolOfThree();
      const result = await runIteration(
        { ...input(cfg, pool), batch: makeProblems(3, `Try ${seed}`) },
        deps({ chat: failing, rng: SeededRng.fromSeed(seed) }),
      );
      // Either the summary call fails or the batch reply `null` cannot be iterated: no child either way.
      const mutation = result.evolution.events.find((e) => e.kind === "mutation")!;
      expect(mutation).toMatchObject({ status: "failed", outcome: "failed", childId: null });
      expect(mutation.error).toMatch(/^(Error: reflection model down|TypeError)/);
      const crossover = result.evolution.events.find((e) => e.kind === "crossover");
      if (crossover && crossover.outcome !== "not_eligible") {
        // A bare `null` crashes the reference; here it is a failed crossover.
        expect(crossover).toMatchObject({ status: "failed", outcome: "failed", childId: null });
        expect(crossover.error).toMatch(/^TypeError/);
        failedCrossovers++;
      }
      expect(result.newPrograms).toEqual([]);
      expect(pool.size).toBe(3);
    }
    expect(failedCrossovers).toBeGreaterThan(0);
  });

  test("backend errors propagate", async () => {
    const cfg = config();
    await expect(
      runIteration(input(cfg), deps({ backend: new FakePolicyBackend({ failSampleAt: 1 }) })),
    ).rejects.toThrow("sampling service unavailable");
    await expect(
      runIteration(input(cfg), deps({ backend: new FakePolicyBackend({ failTrain: true }) })),
    ).rejects.toThrow("trainer crashed");
  });

  test("a backend answer of the wrong shape is a backend error", async () => {
    const cfg = config();
    const backend = new FakePolicyBackend();
    backend.sample = async (requests) => requests.map(() => []);
    await expect(runIteration(input(cfg), deps({ backend }))).rejects.toThrow(
      /returned 0 samples where 4 were requested/,
    );
  });

  test("without a test set there are no test metrics and no best-accuracy checkpoint", async () => {
    const cfg = config();
    const result = await runIteration({ ...input(cfg), testProblems: [], step: 1 }, deps());
    expect(result.testRollouts).toEqual([]);
    expect(result.metrics.test).toEqual({});
    expect(result.checkpoint).toMatchObject({ saved: false, thisTestAcc: null, bestTestAcc: -1 });
  });

  test("the default grader is lib/espl/grading", async () => {
    const cfg = config({ train_mode: "rl" });
    const result = await runIteration(input(cfg), { ...deps(), grade: undefined });
    const graded = result.trainRollouts.map((r) =>
      gradeBoxed(r.completion, makeProblems(3)[r.problemIndex]!.answer),
    );
    expect(result.trainRollouts.map((r) => r.reward)).toEqual(graded.map((g) => g.reward));
  });

  test("timings split waiting from computing", async () => {
    let t = 0;
    const backend = new FakePolicyBackend();
    const sample = backend.sample.bind(backend);
    backend.sample = async (requests, params) => {
      t += 100;
      return sample(requests, params);
    };
    const result = await runIteration(input(config()), deps({ backend, now: () => t }));
    expect(result.timings.backendMs).toBe(200);
    expect(result.timings.engineMs).toBe(0);
    expect(result.timings.totalMs).toBe(200);
  });
});
