/**
 * Inputs and records of the mutation pipeline (the reference's PrincipleUpdater, SPEC §8).
 */
import type { Principle } from "../types";
import type { ChatFn, ChatUsage } from "../llm/chat";
import type { PyKey } from "../llm/python-dict";
import type { OperationOutcome } from "../operations";
import type { RolloutSummarySlots } from "../prompts/rollout-summary-prompt";
import type { CritiqueSlots } from "../prompts/critique-prompt";
import type { RevisionSlots } from "../prompts/revision-prompt";

export interface TrajectoryMessage {
  role: string;
  content: string;
}

/** One line of a slot's `rollout.jsonl` (SPEC §12.2), keys in the reference's order. */
export interface RolloutRecord {
  runid: number;
  prompt: string;
  problem: string;
  groundtruth: string | number;
  reward: number;
  trajectories: { trajectory: TrajectoryMessage[] }[];
}

export interface PrincipleUpdaterInput {
  /** The best slot's principles (SPEC §6.7). */
  principles: readonly Principle[];
  /** That slot's rollout records, problem-major (SPEC §12.2). */
  rollouts: readonly RolloutRecord[];
  /** `max_update_operations`: operations kept per critiqued problem. */
  maxOperations: number;
  chat: ChatFn;
}

export const MUTATION_PURPOSES = {
  summary: "mutation.summary",
  critique: "mutation.critique",
  batch: "mutation.batch",
} as const;

/** What the simulator gets beside a stage-1 prompt. */
export interface SummaryContext {
  stage: "summary";
  /** The i-th summary call of this mutation. */
  index: number;
  principles: Principle[];
  runid: number;
  problem: string;
  groundtruth: string | number;
  reward: number;
  correct: boolean;
  trajectory: TrajectoryMessage[];
}

/** What the simulator gets beside a stage-2 prompt. */
export interface CritiqueContext {
  stage: "critique";
  index: number;
  principles: Principle[];
  problem: string;
  groundtruth: string | number;
  maxOperations: number;
  attempts: { runid: number; reward: number; correct: boolean; completion: string; summary: string }[];
}

/** What the simulator gets beside the stage-3 prompt. */
export interface BatchContext {
  stage: "batch";
  index: 0;
  /** The parent program's principles. */
  principles: Principle[];
  /** Parent principles plus the suggested additions (C0, C1, …), in prompt order. */
  candidates: { id: PyKey; text: unknown }[];
  /** The critique `modify` operations that named an existing id, as written by the LLM. */
  suggestions: unknown[];
}

interface CallRecordBase {
  /** The i-th call of its stage. */
  index: number;
  purpose: string;
  prompt: string;
  /** The raw reply; null when the call itself failed. */
  reply: string | null;
  /** Why the call (or the handling of its reply) failed; null when it did not. */
  error: { type: string; message: string } | null;
  /** What the call cost, where the chat port told (absent for a port that answers with text only). */
  usage?: ChatUsage;
}

export type MutationCallRecord =
  | (CallRecordBase & { stage: "summary"; slots: RolloutSummarySlots })
  | (CallRecordBase & {
      stage: "critique";
      slots: CritiqueSlots;
      /** Parsed operations after the `[:max_operations]` cut; undefined when the reply was not used. */
      operations?: unknown;
    })
  | (CallRecordBase & {
      stage: "batch";
      slots: RevisionSlots;
      /** The parsed Revision Plan; undefined when the reply was not used. */
      operations?: unknown;
    });

export type MutationStage = MutationCallRecord["stage"] | "suggestions" | "revision";

export interface PrincipleUpdaterResult {
  /** Every LLM call in the order the prompts were built: summaries, critiques, then the batch call. */
  calls: MutationCallRecord[];
  /** Per critique, in order, the operations kept after the cut (a list, or a string when the LLM
   * replied with a JSON string); only critiques handled before an abort appear. */
  critiqueOperations: unknown[];
  /** All kept critique operations concatenated (a string contributes its characters, as in Python). */
  allOperations?: unknown[];
  /** The `modify` suggestions sent to the batch call (`to_modify`). */
  suggestions?: unknown[];
  revisionPlan?: unknown;
  revisionOutcomes?: OperationOutcome[];
  /** The candidates after the Revision Plan, before renumbering (batch_update.json "new_principles"). */
  preRenumberPrinciples?: [PyKey, unknown][];
  /** The renumbered result; null when the mutation aborted. An empty list means "no child". */
  newPrinciples: Principle[] | null;
  /** Set when the whole mutation aborted; `type` is the reference's exception class name. */
  error: { stage: MutationStage; type: string; message: string } | null;
}
