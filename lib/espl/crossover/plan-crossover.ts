/**
 * Who takes part in a crossover (SPEC §9 steps 1-4): per problem, the unique slot whose mean reward is
 * best by more than the 0.01 tolerance "did best" on it; Set A is the step's best slot; the other ranked
 * unique slots join only if they won something; the crossover runs only if Set A itself won a problem and
 * at least one other set joined.
 */
import type { Principle } from "../types";
import {
  buildCrossoverPromptMiddle,
  CROSSOVER_CLOSING,
  CROSSOVER_OPENING,
  renderCrossoverPrompt,
} from "../prompts/crossover-prompt";
import type { WonQuestion } from "../prompts/crossover-prompt";

/** The reference's tolerance for "the same score" (also used for rating ties). */
export const CROSSOVER_WIN_TOLERANCE = 0.01;

export interface CrossoverSlot {
  programId: number;
  principles: readonly Principle[];
}

export interface CrossoverInput {
  /** The k selection slots in selection order (duplicates allowed). */
  slots: readonly CrossoverSlot[];
  /** `sorted_program_indices_unique`: slot indices by score, one per program; [0] is the best slot. */
  rankedUniqueSlots: readonly number[];
  /** Rewards [k][B][G]. */
  rewards: readonly (readonly (readonly number[])[])[];
  /** The batch's problem texts, B of them. */
  problems: readonly string[];
}

export interface CrossoverPrompt {
  opening: string;
  /** The data-dependent part (compared by the vectors). */
  middle: string;
  closing: string;
  /** opening + middle + closing: the user message sent. */
  text: string;
}

export interface CrossoverPlan {
  /** Set A: the best slot. */
  bestSlot: number;
  /** For every ranked unique slot, in ranked order, the problems it won outright. */
  wins: { slot: number; questions: WonQuestion[] }[];
  /** `programs_to_include`: Set A first, then the ranked slots that won something. */
  includedSlots: number[];
  /** Program ids of the included slots (the child's `parents_list`). */
  parentIds: number[];
  eligible: boolean;
  /** Null when not eligible. */
  prompt: CrossoverPrompt | null;
}

/**
 * A slot's mean reward on one problem as the reference computes it: a float32 torch mean, read back as a
 * double. Rewards are 0/1 so the sum is exact and one rounding of the quotient reproduces torch.
 */
export function problemScore(groupRewards: readonly number[]): number {
  const sum = groupRewards.reduce((a, b) => a + b, 0);
  return Math.fround(sum / groupRewards.length);
}

/** The ranked unique slot that beat all others on the problem by at least the tolerance, or null. */
export function findUniqueWinner(
  rankedUniqueSlots: readonly number[],
  scores: ReadonlyMap<number, number>,
): number | null {
  const max = Math.max(...rankedUniqueSlots.map((slot) => scores.get(slot)!));
  const winners = rankedUniqueSlots.filter(
    (slot) => Math.abs(scores.get(slot)! - max) < CROSSOVER_WIN_TOLERANCE,
  );
  return winners.length === 1 ? winners[0]! : null;
}

export function planCrossover(input: CrossoverInput): CrossoverPlan {
  const ranked = input.rankedUniqueSlots;
  const bestSlot = ranked[0]!;
  const wins = ranked.map((slot) => ({ slot, questions: [] as WonQuestion[] }));
  input.problems.forEach((text, problemIndex) => {
    const scores = new Map(ranked.map((slot) => [slot, problemScore(input.rewards[slot]![problemIndex]!)]));
    const winner = findUniqueWinner(ranked, scores);
    if (winner !== null) wins.find((w) => w.slot === winner)!.questions.push({ problemIndex, text });
  });
  const winsOf = (slot: number) => wins.find((w) => w.slot === slot)!.questions;
  const includedSlots = [bestSlot, ...ranked.slice(1).filter((slot) => winsOf(slot).length > 0)];
  const eligible = includedSlots.length >= 2 && winsOf(bestSlot).length > 0;
  const parentIds = includedSlots.map((slot) => input.slots[slot]!.programId);
  let prompt: CrossoverPrompt | null = null;
  if (eligible) {
    const middle = buildCrossoverPromptMiddle(
      includedSlots.map((slot) => input.slots[slot]!.principles),
      includedSlots.map(winsOf),
    );
    prompt = {
      opening: CROSSOVER_OPENING,
      middle,
      closing: CROSSOVER_CLOSING,
      text: renderCrossoverPrompt(middle),
    };
  }
  return { bestSlot, wins, includedSlots, parentIds, eligible, prompt };
}
