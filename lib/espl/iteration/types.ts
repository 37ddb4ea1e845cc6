/**
 * What one iteration hands to the runner: a plain, JSON-serialisable record of everything that happened
 * in the step, shaped after the tables the dashboard stores (steps, rollouts, rating updates, programs,
 * evolution events with their LLM calls). Nothing here references live engine objects.
 */
import type { ChatUsage } from "../llm/chat";
import type { CheckpointRef } from "../ports";
import type { RngState } from "../rng";
import type { Principle, Rating } from "../types";

/**
 * Grades one completion against a ground truth (SPEC §3.2); reward is 1 or 0 in the reference. The shape
 * of lib/espl/grading's `gradeAnswer`, the default; tests and simulators may inject their own.
 */
export interface GradeOutcome {
  reward: number;
  /** The answer the grader read from the completion, for display; null when it found none. */
  extracted: string | null;
}

export type GradeFn = (completion: string, groundTruth: string) => GradeOutcome;

export type RolloutSplit = "train" | "test";

/** One sampled completion. Prompts are listed once per (slot, problem) in the result, not per sample. */
export interface RolloutView {
  split: RolloutSplit;
  /** Selection slot (train) or 0 (test). */
  slot: number;
  programId: number;
  /** Position of the problem in this step's batch (train) or in the test set (test). */
  problemIndex: number;
  /** `EsplProblem.index`: the problem's identity within its dataset split. */
  datasetIndex: number;
  sampleIndex: number;
  completion: string;
  reward: number;
  /** Train rollouts only; null for test rollouts. */
  advantage: number | null;
  /** Whether the sample went into the weight update (its group had a non-zero advantage and RL is on). */
  trained: boolean;
  extractedAnswer: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
}

/** One distinct program's TrueSkill update in this step. */
export interface RatingUpdateView {
  programId: number;
  /** Selection slots it filled (more than one when selected twice). */
  slots: number[];
  /** Mean reward over all its slots. */
  score: number;
  /** Position among the distinct programs, 0 = best (the mutated program). */
  rank: number;
  tieGroup: number;
  before: Rating;
  after: Rating;
}

export type ProgramOrigin = "mutation" | "crossover";

export interface NewProgramView {
  programId: number;
  origin: ProgramOrigin;
  /** Mutation: the mutated program. Crossover: Set A first, then the other included sets. */
  parentIds: number[];
  birthStep: number;
  principles: Principle[];
  rating: Rating;
}

export interface LlmCallView {
  /** Position among the event's calls, in the order the prompts were built. */
  ordinal: number;
  /** The ChatRequest purpose ("crossover", "mutation.summary", "mutation.critique", "mutation.batch"). */
  purpose: string;
  prompt: string;
  /** Null when the call itself failed. */
  rawReply: string | null;
  /** The reply's parsed JSON (after repairs and cuts), null when the stage does not parse or did not get there. */
  parsedOperations: unknown;
  /** "Type: message" of whatever went wrong with this call or its reply. */
  error: string | null;
  /** Model, tokens, latency, retries and cost as the chat port reported them; null: not recorded. */
  usage: ChatUsage | null;
}

/**
 * `child_created`: a child joined the pool. `no_child`: the operator ran but produced nothing to add (an
 * empty crossover reply, an empty mutation result). `not_eligible`: crossover came up but Set A won no
 * problem or no other set won one. `failed`: an error the reference would have raised (status "failed").
 */
export type EvolutionOutcome = "child_created" | "no_child" | "not_eligible" | "failed";

export interface MutationDetails {
  kind: "mutation";
  /** The stage that aborted the mutation, when it did. */
  failedStage: string | null;
  /** Per critique, the operations kept after the `[:max_update_operations]` cut. */
  critiqueOperations: unknown[];
  /** The `modify` suggestions sent to the batch call. */
  suggestions: unknown[] | null;
  revisionPlan: unknown;
  /** The candidates after the revision plan, before renumbering, as [id, text] pairs. */
  preRenumberPrinciples: [unknown, unknown][] | null;
  newPrinciples: Principle[] | null;
}

export interface CrossoverWinner {
  /** Position in the batch. */
  problemIndex: number;
  /** The slot that did best by more than the tolerance, or null when no slot did. */
  slot: number | null;
  programId: number | null;
}

export interface CrossoverDetails {
  kind: "crossover";
  /** Per problem, who won it outright. */
  winners: CrossoverWinner[];
  /** Slots included as sets A, B, …; the first is Set A. */
  includedSlots: number[];
  eligible: boolean;
  /** The child's rating per SPEC §7; null when not eligible. */
  childRating: Rating | null;
  /** Per operation of the reply: applied, ignored or failed (with the Python error). */
  operationOutcomes: { index: number; status: string; error?: string }[];
}

export interface EvolutionEventView {
  kind: ProgramOrigin;
  status: "ok" | "failed";
  outcome: EvolutionOutcome;
  parentIds: number[];
  childId: number | null;
  error: string | null;
  calls: LlmCallView[];
  details: MutationDetails | CrossoverDetails;
}

export interface CheckpointView {
  saved: boolean;
  /** `{step:06d}` when saved. */
  name: string | null;
  ref: CheckpointRef | null;
  /** This step's test accuracy (`eval_avg_reward`), null without a test set. */
  thisTestAcc: number | null;
  bestTestAcc: number;
  bestCkptStep: number;
}

export interface TrainingView {
  /** `disabled`: not an RL mode. `empty`: every group was skipped, so no update was sent (SPEC §13 item 18). */
  status: "trained" | "disabled" | "empty";
  /** Samples sent to the trainer. */
  itemCount: number;
  /** (slot, problem) groups left out because all their advantages were exactly 0. */
  skippedGroups: number;
  /** What the backend reported. */
  metrics: Record<string, number>;
}

/** Wall-clock milliseconds of one iteration (see wait-clock.ts for how they are measured). */
export interface IterationTimings {
  totalMs: number;
  /** The engine's own computing: total minus waiting on I/O and minus time spent inside port calls. */
  engineMs: number;
  /** The part of engineMs spent grading completions (the math-verify port dominates engine time). */
  gradingMs: number;
  /** Time at least one PolicyBackend call was outstanding (calls overlap each other and engine work). */
  backendMs: number;
  /** Time at least one reflection (chat) call was outstanding. */
  llmMs: number;
}

export interface IterationMetrics {
  /** `stats["step_N"]["rollout"]` (SPEC §10.5). */
  rollout: Record<string, number>;
  /** `stats["step_N"]["test"]` (SPEC §10.6); empty without a test set. */
  test: Record<string, number>;
  /**
   * The metrics.jsonl line: `step` is the global step (the reference logs the batch index, SPEC §13
   * item 13), plus progress/batch, optim/lr, progress/done_frac, time/total, rollout/…, testing/… and
   * train/… (the backend's training metrics).
   */
  logged: Record<string, number>;
}

export interface IterationResult {
  step: number;
  epoch: number;
  batchIndex: number;
  /** The backend is a simulator; the dashboard says so wherever results are shown. */
  simulated: boolean;
  /** The newest program at step start, evaluated on the test set. */
  testProgramId: number;
  /** Program id of every selection slot, in slot order (repeats allowed). */
  selectedProgramIds: number[];
  /** The rendered user messages, [slot][problemIndex]. */
  trainPrompts: string[][];
  /** One per test problem. */
  testPrompts: string[];
  trainRollouts: RolloutView[];
  testRollouts: RolloutView[];
  ranking: {
    /** Mean reward of every slot. */
    programScores: number[];
    sortedSlots: number[];
    /** One slot per distinct program, best first. */
    uniqueSlots: number[];
    ties: number[];
    bestSlot: number;
  };
  ratingUpdates: RatingUpdateView[];
  /** Crossover child first, then mutation child. */
  newPrograms: NewProgramView[];
  /** Programs FIFO eviction dropped this step, oldest first. */
  evictedProgramIds: number[];
  evolution: {
    enabled: boolean;
    /** The `random()` draw compared with crossover_prob; null when evolution is off. */
    crossoverDraw: number | null;
    crossoverTriggered: boolean;
    events: EvolutionEventView[];
  };
  metrics: IterationMetrics;
  checkpoint: CheckpointView;
  training: TrainingView;
  /** Completions sampled this step (train and test). */
  samplesConsumed: number;
  timings: IterationTimings;
  /** The engine RNG after this step, so a resumed run draws the same numbers. */
  rngState: RngState;
}
