/**
 * Everything the engine needs to continue a run exactly where it stopped, as one JSON object the runner
 * persists after every committed step. The reference resumes by re-running from a checkpoint and re-reading
 * files (SPEC §11); here a resumed run continues with the next step and the same RNG stream, so running
 * N steps straight and running them across a restart give the same results. Backend weights are not part
 * of it: the runner restores them with `PolicyBackend.loadCheckpoint` from the refs listed here or its own.
 */
import { z } from "zod";
import { INITIAL_BEST_CKPT_STEP, INITIAL_BEST_TEST_ACC } from "../checkpoint";
import type { CheckpointRef } from "../ports";
import { EvolutionPool, poolStateDictSchema } from "../pool";
import type { PoolStateDict } from "../pool";
import { rngStateSchema, SeededRng } from "../rng";
import type { RngState } from "../rng";

export const ENGINE_STATE_VERSION = 1;

export interface SavedCheckpoint {
  /** `{step:06d}` or "final". */
  name: string;
  step: number;
  ref: CheckpointRef;
}

export interface EngineState {
  version: typeof ENGINE_STATE_VERSION;
  /** The next step to run (global step numbering). */
  nextStep: number;
  /** The step this run started at (0 for a fresh run); the periodic checkpoint rule skips it. */
  startStep: number;
  bestTestAcc: number;
  bestCkptStep: number;
  rng: RngState;
  /** `evolution_pool.json` after the last committed step. */
  pool: PoolStateDict;
  /**
   * The epoch in progress and its shuffled order (positions in the training set), so a resume in the
   * middle of an epoch sees the same batches; null before the first epoch starts.
   */
  epochOrder: { epoch: number; order: number[] } | null;
  checkpoints: SavedCheckpoint[];
}

const checkpointRefSchema = z.object({ backendRef: z.string(), state: z.unknown().optional() });

export const engineStateSchema = z.strictObject({
  version: z.literal(ENGINE_STATE_VERSION),
  nextStep: z.int().nonnegative(),
  startStep: z.int().nonnegative(),
  bestTestAcc: z.number(),
  bestCkptStep: z.int().min(-1),
  rng: rngStateSchema,
  pool: poolStateDictSchema,
  epochOrder: z.object({ epoch: z.int().nonnegative(), order: z.array(z.int().nonnegative()) }).nullable(),
  checkpoints: z.array(z.object({ name: z.string(), step: z.int(), ref: checkpointRefSchema })),
});

/** The live objects a state describes. */
export interface EngineRuntime {
  nextStep: number;
  startStep: number;
  bestTestAcc: number;
  bestCkptStep: number;
  rng: SeededRng;
  pool: EvolutionPool;
  epochOrder: { epoch: number; order: number[] } | null;
  checkpoints: SavedCheckpoint[];
}

/** A fresh run: the root program alone, the RNG seeded from the config, no test result yet. */
export function createEngineRuntime(
  seed: number,
  maxPoolSize: number,
  rootPrinciples: readonly string[] = [],
): EngineRuntime {
  return {
    nextStep: 0,
    startStep: 0,
    bestTestAcc: INITIAL_BEST_TEST_ACC,
    bestCkptStep: INITIAL_BEST_CKPT_STEP,
    rng: SeededRng.fromSeed(seed),
    pool: EvolutionPool.createWithRoot(maxPoolSize, rootPrinciples),
    epochOrder: null,
    checkpoints: [],
  };
}

/** A detached copy: later steps never change a snapshot already handed to the store. */
export function snapshotEngineState(runtime: EngineRuntime): EngineState {
  return {
    version: ENGINE_STATE_VERSION,
    nextStep: runtime.nextStep,
    startStep: runtime.startStep,
    bestTestAcc: runtime.bestTestAcc,
    bestCkptStep: runtime.bestCkptStep,
    rng: runtime.rng.getState(),
    pool: runtime.pool.toStateDict(),
    epochOrder: runtime.epochOrder && {
      epoch: runtime.epochOrder.epoch,
      order: runtime.epochOrder.order.slice(),
    },
    checkpoints: runtime.checkpoints.map((c) => ({ ...c })),
  };
}

/** Validates a stored state (e.g. parsed from JSON) and rebuilds the live objects; throws on a bad state. */
export function restoreEngineRuntime(raw: unknown): EngineRuntime {
  const state = engineStateSchema.parse(raw);
  return {
    nextStep: state.nextStep,
    startStep: state.startStep,
    bestTestAcc: state.bestTestAcc,
    bestCkptStep: state.bestCkptStep,
    rng: SeededRng.fromState(state.rng),
    pool: EvolutionPool.fromStateDict(state.pool),
    epochOrder: state.epochOrder && { epoch: state.epochOrder.epoch, order: state.epochOrder.order.slice() },
    checkpoints: state.checkpoints.map((c) => ({
      name: c.name,
      step: c.step,
      ref: { backendRef: c.ref.backendRef, ...(c.ref.state === undefined ? {} : { state: c.ref.state }) },
    })),
  };
}
