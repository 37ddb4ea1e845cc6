/**
 * What one step stores, in the shape of its rows, whoever produced the step: the runner maps an engine
 * iteration to it (lib/server/runner/persist-step.ts), the importer a reference step folder
 * (lib/server/io/import/write-step.ts), and lib/server/steps/write-step.ts writes it. Programs are named
 * by their pool id throughout; the writer resolves them to `programs.id`.
 */
import "server-only";
import type { ChatUsage } from "@/lib/espl/llm/chat";
import type { SamplingCallRow } from "@/lib/server/runner/backends/usage-meter";

export interface ProgramRow {
  programId: number;
  principles: { id: string; text: string }[];
  origin: "root" | "mutation" | "crossover";
  birthStep: number;
  rating: Rating;
}

export interface Rating {
  mu: number;
  sigma: number;
}

/** A child's parents in order (Set A first for a crossover). */
export interface EdgeSet {
  childId: number;
  parentIds: number[];
  kind: "root" | "mutation" | "crossover";
}

/** A TrueSkill update of this step; the program's stored rating becomes `after`. */
export interface RatingUpdateRow {
  programId: number;
  before: Rating;
  after: Rating;
  score: number;
  rank: number;
  tieGroup: number;
}

export interface RolloutRow {
  split: "train" | "test";
  slot: number;
  programId: number;
  problemId: number | null;
  problemIndex: number;
  sampleIndex: number;
  reward: number;
  advantage: number | null;
  trained: boolean;
  promptTokens: number | null;
  completionTokens: number | null;
  completion: string;
  extractedAnswer: string | null;
}

export interface LlmCallRow {
  ordinal: number;
  purpose: string;
  prompt: string;
  rawReply: string | null;
  parsedOperations?: unknown;
  error: string | null;
  /** Absent or null: not recorded (an imported call, a port that answers with text only). */
  usage?: ChatUsage | null;
}

export interface EvolutionEventRow {
  kind: "mutation" | "crossover";
  status: "ok" | "failed";
  /** Pool ids, stored as they are. */
  parentIds: number[];
  childId: number | null;
  error: string | null;
  details: Record<string, unknown>;
  calls: LlmCallRow[];
}

export interface EvaluationRow {
  programId: number;
  avgReward: number;
  passAtK: number[];
}

export interface CheckpointRow {
  step: number;
  name: string;
  backendRef: string;
  state: unknown;
}

/**
 * Tokens of the step's policy sampling and training (the steps table's columns). Its reflection columns
 * are not given: the writer sums them over the step's LLM calls (./reflection-usage.ts).
 */
export interface StepTokenColumns {
  policyPromptTokens: number;
  policyCompletionTokens: number;
  trainTokens: number;
}

export interface StepRow {
  epoch: number;
  batchIndex: number;
  selectedProgramIds: number[];
  testProgramId: number | null;
  metrics: unknown;
  timings: unknown;
  details: unknown;
  samplesConsumed: number;
  rngState: unknown;
  /** Null: the commit's time. */
  startedAt: Date | null;
  tokens: StepTokenColumns;
}

/**
 * How the step moves its run forward. The runner appends at the end under its lease and wakes live
 * views; an import may fill a gap anywhere, so it only ever raises the run's counters.
 */
export type RunProgress =
  | { kind: "runner"; leaseOwner: string | null; totalSteps: number; engineState: unknown }
  | { kind: "import" };

export interface StepRows {
  runId: string;
  step: number;
  row: StepRow;
  /** Inserted; a program already stored keeps its text and takes this rating. */
  programs: ProgramRow[];
  edges: EdgeSet[];
  ratingUpdates: RatingUpdateRow[];
  /** Pool id → how many slots it filled this step. */
  selections: Map<number, number>;
  evictedProgramIds: number[];
  rollouts: RolloutRow[];
  events: EvolutionEventRow[];
  evaluation: EvaluationRow | null;
  checkpoints: CheckpointRow[];
  /** The pool after the step, for the run's best program. */
  pool: { programId: number; rating: Rating }[];
  /** The step's test Pass@1, raising the run's best; null when not evaluated. */
  pass1: number | null;
  /** The policy sampling batches the step sent, in order. */
  samplingCalls: SamplingCallRow[];
  progress: RunProgress;
}

export function passAtKList(test: Record<string, number>): number[] {
  const list: number[] = [];
  for (let k = 1; `Pass@${k}` in test; k++) list.push(test[`Pass@${k}`]!);
  return list;
}

/** The pool program with the best conservative rating (μ − 3σ), the runs list's "best program". */
export function bestConservative(pool: StepRows["pool"]): { programId: number; value: number } | null {
  let best: { programId: number; value: number } | null = null;
  for (const p of pool) {
    const value = p.rating.mu - 3 * p.rating.sigma;
    if (!best || value > best.value) best = { programId: p.programId, value };
  }
  return best;
}

export function countSelections(programIds: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const id of programIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}
