/**
 * One training step of E-SPL (SPEC §10.2) orchestrated over the ports: test the newest program, select k
 * programs, sample and grade, compute advantages, test metrics and the checkpoint decision, send the
 * weight update, rank and rate, evolve, update the pool. The pool and the RNG are advanced in place.
 *
 * Errors: chat failures and malformed LLM replies never escape (they become failed evolution events);
 * PolicyBackend errors do. After a thrown error the pool and RNG may be partly advanced, so a retry must
 * start again from the last committed EngineState (run-experiment.ts does exactly that on resume).
 */
import { computeAdvantages } from "../advantages";
import { decideCheckpoint } from "../checkpoint";
import type { BestTest } from "../checkpoint";
import { isEvolutionEnabled, isRlEnabled } from "../config";
import type { EsplConfig } from "../config";
import { gradeAnswer } from "../grading/grade-answer";
import type { ChatFn } from "../llm/chat";
import { computeRolloutMetrics, computeTestMetrics } from "../metrics";
import type { CheckpointRef, EsplProblem, PolicyBackend, SamplingParams, TrainResult } from "../ports";
import type { EvolutionPool } from "../pool";
import type { RngState } from "../rng";
import { selectPrograms } from "../selection";
import type { Rng } from "../types";
import { commitEvolution, prepareCrossover } from "./commit-evolution";
import { rateSelectedSlots } from "./rate-slots";
import { runEvolution } from "./run-evolution";
import {
  buildRolloutRecords,
  buildRolloutViews,
  buildTrainItems,
  gradeSamples,
  planSampling,
} from "./sample-rollouts";
import type { GradeFn, IterationMetrics, IterationResult, TrainingView } from "./types";
import { findIdleMeter, WaitClock } from "./wait-clock";

/** The engine's RNG must be able to export its state, so each step can record where the stream stands. */
export type StatefulRng = Rng & { getState(): RngState };

export interface IterationInput {
  config: EsplConfig;
  /** Global step: epoch · numBatches + batchIndex. */
  step: number;
  epoch: number;
  batchIndex: number;
  numBatches: number;
  /** This step's training problems (1..batch_size). */
  batch: readonly EsplProblem[];
  /** The whole test set; may be empty (no test, no best-accuracy checkpoints). */
  testProblems: readonly EsplProblem[];
  /** Updated in place. */
  pool: EvolutionPool;
  /** Best test accuracy so far and its step (SPEC §11). */
  best: BestTest;
  /** The step the run (re)started at; the periodic checkpoint rule skips it. */
  startStep: number;
}

export interface IterationDeps {
  backend: PolicyBackend;
  /** Reflection LLM for mutation and crossover; the runner picks it per `evolution_sample_client`. */
  chat: ChatFn;
  rng: StatefulRng;
  /** Defaults to lib/espl/grading's math-verify port. */
  grade?: GradeFn;
  /** Milliseconds clock for timings; defaults to performance.now with Node's event-loop idle meter. */
  now?: () => number;
  signal?: AbortSignal;
}

export function getSamplingParams(config: EsplConfig): SamplingParams {
  return { temperature: config.sampling_temperature, topP: config.top_p, maxTokens: config.max_tokens };
}

function buildLoggedMetrics(
  input: IterationInput,
  rollout: Record<string, number>,
  test: Record<string, number>,
  train: Record<string, number>,
  totalMs: number,
): Record<string, number> {
  const logged: Record<string, number> = {
    step: input.step,
    "progress/batch": input.batchIndex,
    "optim/lr": input.config.learning_rate,
    "progress/done_frac": (input.batchIndex + 1) / input.numBatches,
    "time/total": totalMs / 1000,
  };
  for (const [key, value] of Object.entries(rollout)) logged[`rollout/${key}`] = value;
  for (const [key, value] of Object.entries(test)) logged[`testing/${key}`] = value;
  for (const [key, value] of Object.entries(train)) logged[`train/${key}`] = value;
  return logged;
}

export async function runIteration(input: IterationInput, deps: IterationDeps): Promise<IterationResult> {
  const { config, pool, batch, testProblems } = input;
  const { backend, rng, signal } = deps;
  if (batch.length === 0) throw new RangeError(`step ${input.step} has an empty batch`);
  signal?.throwIfAborted();
  // A test clock has no matching idle meter, so injected clocks use the outstanding-call measure.
  const clock = deps.now ? new WaitClock(deps.now) : new WaitClock(() => performance.now(), findIdleMeter());
  const rl = isRlEnabled(config);
  const evolution = isEvolutionEnabled(config);
  const params = getSamplingParams(config);
  const grade = deps.grade ?? gradeAnswer;

  // Test the newest program (normally last step's mutation child, not yet trained on), then select.
  const testProgram = pool.latest();
  const selection = selectPrograms(pool.programs, {
    strategy: config.program_selection_strategy,
    k: config.num_parallel_programs,
    window: config.choose_from_most_recent,
    includeLast: true,
    rng,
  });
  const slots = selection.selectedPrograms;
  const testPlan = planSampling([testProgram], testProblems, config.test_group_size, "test");
  const trainPlan = planSampling(slots, batch, config.group_size, "train");
  const [testReturned, trainReturned] = await clock.track("backend", () =>
    Promise.all([
      testPlan.requests.length > 0 ? backend.sample(testPlan.requests, params, signal) : [],
      backend.sample(trainPlan.requests, params, signal),
    ]),
  );
  const train = clock.timeGrading(() => gradeSamples(trainPlan, trainReturned, grade));
  const test = clock.timeGrading(() => gradeSamples(testPlan, testReturned, grade));

  const mode = config.value_baseline_computation === "marginalize" ? "marginalize" : "normal";
  const { advantages, trainedGroups } = computeAdvantages(train.rewards, mode);
  const testMetrics = testProblems.length > 0 ? computeTestMetrics(test.rewards[0]!) : {};
  const thisTestAcc = testMetrics.eval_avg_reward ?? null;
  const decision = decideCheckpoint({
    step: input.step,
    startStep: input.startStep,
    saveEvery: config.save_every,
    rlEnabled: rl,
    thisTestAcc: thisTestAcc ?? Number.NEGATIVE_INFINITY,
    ...input.best,
  });
  let checkpointRef: CheckpointRef | null = null;
  if (decision.checkpointSaved)
    checkpointRef = await clock.track("backend", () => backend.saveCheckpoint(decision.checkpointName!));

  // The update is sent now and awaited after evolution, as the reference overlaps the two.
  const items = rl ? buildTrainItems(trainPlan, train, advantages, trainedGroups) : [];
  const pendingTrain: Promise<TrainResult> | null =
    items.length > 0
      ? clock.track("backend", () =>
          backend.train({ items, learningRate: config.learning_rate, lossFn: config.rl_loss_fn }, signal),
        )
      : null;
  pendingTrain?.catch(() => undefined);

  const rolloutMetrics = computeRolloutMetrics(train.rewards);
  const slotRating = rateSelectedSlots(slots, train.rewards);
  const { ranking } = slotRating;

  let crossoverDraw: number | null = null;
  let crossoverTriggered = false;
  let commit: ReturnType<typeof commitEvolution> | null = null;
  if (evolution) {
    // One draw per step, taken even when crossover_prob is 0 (SPEC §9).
    crossoverDraw = rng.random();
    crossoverTriggered = crossoverDraw < config.crossover_prob;
    const bestSlot = ranking.bestProgramIndex;
    const outcomes = await runEvolution({
      chat: clock.wrap("llm", deps.chat),
      crossover: prepareCrossover(
        crossoverTriggered,
        slots,
        ranking.sortedProgramIndicesUnique,
        train.rewards,
        batch.map((p) => p.question),
      ),
      mutationParent: slots[bestSlot]!,
      mutationRollouts: buildRolloutRecords(trainPlan, train, bestSlot),
      maxOperations: config.max_update_operations,
    });
    commit = commitEvolution({
      pool,
      step: input.step,
      slots,
      bestSlot,
      problemCount: batch.length,
      crossover: outcomes.crossover,
      mutation: outcomes.mutation,
      mutationSigma: config.mutation_sigma,
      crossoverSigma: config.crossover_sigma,
    });
  }

  const trainResult = pendingTrain ? await pendingTrain : null;
  const training: TrainingView = {
    status: !rl ? "disabled" : items.length === 0 ? "empty" : "trained",
    itemCount: items.length,
    skippedGroups: trainedGroups.reduce((n, row) => n + row.filter((t) => !t).length, 0),
    metrics: trainResult?.metrics ?? {},
  };
  const selectedProgramIds = selection.selectedIds;
  const trainRollouts = buildRolloutViews(trainPlan, train, {
    split: "train",
    programIds: selectedProgramIds,
    advantages,
    trainedGroups: rl ? trainedGroups : null,
  });
  const testRollouts = buildRolloutViews(testPlan, test, {
    split: "test",
    programIds: [testProgram.programId],
    advantages: null,
    trainedGroups: null,
  });

  const timings = clock.read();
  const metrics: IterationMetrics = {
    rollout: rolloutMetrics,
    test: testMetrics,
    logged: buildLoggedMetrics(input, rolloutMetrics, testMetrics, training.metrics, timings.totalMs),
  };
  return {
    step: input.step,
    epoch: input.epoch,
    batchIndex: input.batchIndex,
    simulated: backend.simulated,
    testProgramId: testProgram.programId,
    selectedProgramIds,
    trainPrompts: trainPlan.prompts,
    testPrompts: testPlan.prompts[0] ?? [],
    trainRollouts,
    testRollouts,
    ranking: {
      programScores: ranking.programScores,
      sortedSlots: ranking.sortedProgramIndices,
      uniqueSlots: ranking.sortedProgramIndicesUnique,
      ties: ranking.ties,
      bestSlot: ranking.bestProgramIndex,
    },
    ratingUpdates: slotRating.ratingUpdates,
    newPrograms: commit?.added.newPrograms ?? [],
    evictedProgramIds: commit?.added.evicted.map((p) => p.programId) ?? [],
    evolution: { enabled: evolution, crossoverDraw, crossoverTriggered, events: commit?.events ?? [] },
    metrics,
    checkpoint: {
      saved: decision.checkpointSaved,
      name: decision.checkpointName,
      ref: checkpointRef,
      thisTestAcc,
      bestTestAcc: decision.bestTestAcc,
      bestCkptStep: decision.bestCkptStep,
    },
    training,
    samplesConsumed: trainRollouts.length + testRollouts.length,
    timings,
    rngState: rng.getState(),
  };
}
