/**
 * The whole run in memory (SPEC §10.1-10.2): epochs of shuffled batches, one `runIteration` per step,
 * each result handed to the store together with the EngineState to persist, and a final checkpoint when
 * the last step is done. Passing a stored EngineState as `resumeFrom` continues the run exactly.
 */
import type { EsplConfig } from "../config";
import type { ChatFn } from "../llm/chat";
import type { CheckpointRef, EsplProblem, PolicyBackend } from "../ports";
import { createEngineRuntime, restoreEngineRuntime, snapshotEngineState } from "./engine-state";
import type { EngineRuntime, EngineState } from "./engine-state";
import { runIteration } from "./run-iteration";
import type { GradeFn, IterationResult } from "./types";

export interface ExperimentStore {
  /** Persists one step; `state` is what a later `resumeFrom` needs to continue after this step. */
  commitStep(result: IterationResult, state: EngineState): Promise<void>;
}

export interface ExperimentInput {
  config: EsplConfig;
  train: readonly EsplProblem[];
  test: readonly EsplProblem[];
  /** A state from an earlier `commitStep` (or a returned outcome), e.g. parsed back from JSON. */
  resumeFrom?: unknown;
  /** The root program's principles at the start of a fresh run (the reference's root has none). */
  rootPrinciples?: readonly string[];
  /** Run at most this many steps in this call, then return (a pause point). */
  maxSteps?: number;
  /** Asked before every step; true stops at that safe point. */
  shouldStop?: () => boolean | Promise<boolean>;
}

export interface ExperimentDeps {
  backend: PolicyBackend;
  chat: ChatFn;
  /** Defaults to lib/espl/grading's math-verify port. */
  grade?: GradeFn;
  store: ExperimentStore;
  now?: () => number;
  signal?: AbortSignal;
}

export interface ExperimentOutcome {
  /** The state after the last step run (and the final checkpoint, when saved). */
  state: EngineState;
  stepsRun: number;
  /** Every step of every epoch is done. */
  completed: boolean;
  totalSteps: number;
  finalCheckpoint: CheckpointRef | null;
}

/** Training problems actually used: the first `dataset_size` (≤ 0 keeps all), as the reference loads them. */
export function selectTrainingProblems(config: EsplConfig, train: readonly EsplProblem[]): EsplProblem[] {
  return config.dataset_size > 0 ? train.slice(0, config.dataset_size) : train.slice();
}

/** `ceil(len(train) / batch_size)` batches per epoch, `n_epochs` epochs. */
export function countSteps(
  config: EsplConfig,
  trainCount: number,
): { numBatches: number; totalSteps: number } {
  const numBatches = Math.ceil(trainCount / config.batch_size);
  return { numBatches, totalSteps: numBatches * config.n_epochs };
}

/**
 * The epoch's order, shuffled with the engine RNG when the epoch starts (the reference shuffles a copy
 * of the training data with the global RNG; its stream cannot be reproduced, SPEC §13 item 16).
 */
function ensureEpochOrder(runtime: EngineRuntime, epoch: number, trainCount: number): number[] {
  if (runtime.epochOrder?.epoch !== epoch) {
    const positions = Array.from({ length: trainCount }, (_, i) => i);
    runtime.epochOrder = { epoch, order: runtime.rng.sample(positions, trainCount) };
  }
  return runtime.epochOrder.order;
}

export async function runExperiment(
  input: ExperimentInput,
  deps: ExperimentDeps,
): Promise<ExperimentOutcome> {
  const { config } = input;
  const train = selectTrainingProblems(config, input.train);
  const { numBatches, totalSteps } = countSteps(config, train.length);
  const runtime =
    input.resumeFrom === undefined
      ? createEngineRuntime(config.seed, config.max_pool_size, input.rootPrinciples)
      : restoreEngineRuntime(input.resumeFrom);
  if (runtime.epochOrder && runtime.epochOrder.order.length !== train.length)
    throw new Error(
      `the saved epoch order covers ${runtime.epochOrder.order.length} problems, the training set has ${train.length}`,
    );

  let stepsRun = 0;
  while (runtime.nextStep < totalSteps) {
    if (input.maxSteps !== undefined && stepsRun >= input.maxSteps) break;
    if (input.shouldStop && (await input.shouldStop())) break;
    deps.signal?.throwIfAborted();
    const step = runtime.nextStep;
    const epoch = Math.floor(step / numBatches);
    const batchIndex = step % numBatches;
    const order = ensureEpochOrder(runtime, epoch, train.length);
    const batch = order
      .slice(batchIndex * config.batch_size, (batchIndex + 1) * config.batch_size)
      .map((position) => train[position]!);
    const result = await runIteration(
      {
        config,
        step,
        epoch,
        batchIndex,
        numBatches,
        batch,
        testProblems: input.test,
        pool: runtime.pool,
        best: { bestTestAcc: runtime.bestTestAcc, bestCkptStep: runtime.bestCkptStep },
        startStep: runtime.startStep,
      },
      {
        backend: deps.backend,
        chat: deps.chat,
        rng: runtime.rng,
        grade: deps.grade,
        now: deps.now,
        signal: deps.signal,
      },
    );
    runtime.bestTestAcc = result.checkpoint.bestTestAcc;
    runtime.bestCkptStep = result.checkpoint.bestCkptStep;
    if (result.checkpoint.ref)
      runtime.checkpoints.push({ name: result.checkpoint.name!, step, ref: result.checkpoint.ref });
    runtime.nextStep = step + 1;
    stepsRun++;
    await deps.store.commitStep(result, snapshotEngineState(runtime));
  }

  const completed = runtime.nextStep >= totalSteps;
  let finalCheckpoint: CheckpointRef | null = null;
  // The reference saves "final" after the loop in every mode; a resumed, already finished run does not repeat it.
  if (completed && totalSteps > 0 && !runtime.checkpoints.some((c) => c.name === "final")) {
    finalCheckpoint = await deps.backend.saveCheckpoint("final");
    runtime.checkpoints.push({ name: "final", step: totalSteps - 1, ref: finalCheckpoint });
  }
  return { state: snapshotEngineState(runtime), stepsRun, completed, totalSteps, finalCheckpoint };
}
