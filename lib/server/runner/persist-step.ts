/**
 * Commits one engine iteration: maps it to the step's rows (lib/server/steps/step-rows.ts) and writes
 * them with the one step writer shared with the importer, in ONE transaction, idempotent by (run, step):
 * a retried commit of a step already stored changes nothing.
 */
import "server-only";
import type pg from "pg";
import type { EngineState } from "@/lib/espl/iteration/engine-state";
import type { IterationResult, RolloutView } from "@/lib/espl/iteration/types";
import type { CheckpointRef } from "@/lib/espl/ports";
import type { SamplingCallRow } from "@/lib/server/runner/backends/usage-meter";
import { passAtKList, type StepRows } from "@/lib/server/steps/step-rows";
import { writeStep } from "@/lib/server/steps/write-step";

export { LeaseLostError } from "@/lib/server/steps/write-step";

export interface StepCommitInput {
  runId: string;
  /** The worker's lease; the commit is refused when another worker holds the run now. */
  leaseOwner: string | null;
  result: IterationResult;
  engineState: EngineState;
  /** Backend weights after this step, to restore on resume. */
  backendState: CheckpointRef | null;
  totalSteps: number;
  /** Dataset position → problems.id, per split, to link rollouts to their problem. */
  problemIds: { train: Map<number, number>; test: Map<number, number> };
  startedAt: Date;
  /** The policy sampling batches of this step, with what each cost; absent: none recorded. */
  samplingCalls?: SamplingCallRow[];
}

export type StepCommitOutcome = "committed" | "already_committed";

export interface StepUsage {
  policyPromptTokens: number;
  policyCompletionTokens: number;
  trainTokens: number;
}

/**
 * Policy tokens of a step from its rollouts. The samples of one (program, problem) group share a prompt
 * sent once with `n`, so a group's prompt counts once (as servers bill it); completions count each.
 * Trained tokens are what the trainer reported as `train_tokens` in its metrics.
 */
export function countStepUsage(
  rollouts: readonly RolloutView[],
  trainMetrics: Record<string, number>,
): StepUsage {
  const groupPrompts = new Map<string, number>();
  let policyCompletionTokens = 0;
  for (const r of rollouts) {
    policyCompletionTokens += r.completionTokens ?? 0;
    const key = `${r.split}:${r.slot}:${r.problemIndex}`;
    groupPrompts.set(key, Math.max(groupPrompts.get(key) ?? 0, r.promptTokens ?? 0));
  }
  let policyPromptTokens = 0;
  for (const tokens of groupPrompts.values()) policyPromptTokens += tokens;
  const trained = trainMetrics["train_tokens"];
  return {
    policyPromptTokens,
    policyCompletionTokens,
    trainTokens:
      typeof trained === "number" && Number.isFinite(trained) ? Math.max(0, Math.round(trained)) : 0,
  };
}

function stepRow(input: StepCommitInput): StepRows["row"] {
  const { result } = input;
  const rollouts = [...result.trainRollouts, ...result.testRollouts];
  const usage = countStepUsage(rollouts, result.training.metrics);
  return {
    epoch: result.epoch,
    batchIndex: result.batchIndex,
    selectedProgramIds: result.selectedProgramIds,
    testProgramId: result.testProgramId,
    metrics: result.metrics,
    timings: result.timings,
    details: {
      ranking: result.ranking,
      training: result.training,
      evolution: {
        enabled: result.evolution.enabled,
        crossoverDraw: result.evolution.crossoverDraw,
        crossoverTriggered: result.evolution.crossoverTriggered,
      },
      checkpoint: { ...result.checkpoint, ref: result.checkpoint.ref?.backendRef ?? null },
      simulated: result.simulated,
    },
    samplesConsumed: result.samplesConsumed,
    rngState: result.rngState,
    startedAt: input.startedAt,
    tokens: usage,
  };
}

/** The iteration as the rows it stores. */
export function iterationRows(input: StepCommitInput): StepRows {
  const { result } = input;
  const test = result.metrics.test;
  const { ref } = result.checkpoint;
  return {
    runId: input.runId,
    step: result.step,
    row: stepRow(input),
    programs: result.newPrograms.map((p) => ({
      programId: p.programId,
      principles: p.principles,
      origin: p.origin,
      birthStep: p.birthStep,
      rating: p.rating,
    })),
    edges: result.newPrograms.map((p) => ({ childId: p.programId, parentIds: p.parentIds, kind: p.origin })),
    ratingUpdates: result.ratingUpdates,
    selections: new Map(result.ratingUpdates.map((u) => [u.programId, u.slots.length])),
    evictedProgramIds: result.evictedProgramIds,
    rollouts: [...result.trainRollouts, ...result.testRollouts].map((r) => ({
      split: r.split,
      slot: r.slot,
      programId: r.programId,
      problemId: input.problemIds[r.split].get(r.datasetIndex) ?? null,
      problemIndex: r.problemIndex,
      sampleIndex: r.sampleIndex,
      reward: r.reward,
      advantage: r.advantage,
      trained: r.trained,
      promptTokens: r.promptTokens,
      completionTokens: r.completionTokens,
      completion: r.completion,
      extractedAnswer: r.extractedAnswer,
    })),
    events: result.evolution.events.map((event) => ({
      kind: event.kind,
      status: event.status,
      parentIds: event.parentIds,
      childId: event.childId,
      error: event.error,
      details: { outcome: event.outcome, ...event.details },
      calls: event.calls,
    })),
    evaluation:
      test.eval_avg_reward === undefined
        ? null
        : { programId: result.testProgramId, avgReward: test.eval_avg_reward, passAtK: passAtKList(test) },
    checkpoints:
      result.checkpoint.saved && ref && result.checkpoint.name !== null
        ? [{ step: result.step, name: result.checkpoint.name, backendRef: ref.backendRef, state: ref.state }]
        : [],
    pool: input.engineState.pool.evolution_pool.map((p) => ({ programId: p.program_id, rating: p.rating })),
    pass1: test["Pass@1"] ?? null,
    samplingCalls: input.samplingCalls ?? [],
    progress: {
      kind: "runner",
      leaseOwner: input.leaseOwner,
      totalSteps: input.totalSteps,
      engineState: { engine: input.engineState, backend: input.backendState },
    },
  };
}

export async function commitStep(pool: pg.Pool, input: StepCommitInput): Promise<StepCommitOutcome> {
  const outcome = await writeStep(pool, iterationRows(input));
  return outcome === "written" ? "committed" : "already_committed";
}
