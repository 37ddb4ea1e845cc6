/** The main loop's per-step ranking and rating update (SPEC §6.7). */
import type { Rating } from "../types";
import { rateRanking } from "./rate-ranking";
import { scoresToTies, TIE_TOLERANCE } from "./scores-to-ties";
import { DEFAULT_SYSTEM, type TrueSkillSystem } from "./system";

/** Rewards of one step, indexed [slot][problem][sample]. */
export type SlotRewards = readonly (readonly (readonly number[])[])[];

/**
 * Mean reward of every selection slot: Σ rewards / (B·G).
 *
 * Deliberate deviation (SPEC §13.11): the reference averages per-problem pass@1 in float32, so two
 * slots with equal totals can differ in the last float32 ulp and be ranked by that noise. Summing the
 * 0/1 rewards exactly and dividing once in float64 makes equal totals compare equal, so ties keep
 * selection order. Values differ from the reference's float32 ones by < 1e-7.
 */
export function computeProgramScores(rewards: SlotRewards): number[] {
  return rewards.map((slot, p) => {
    let sum = 0;
    let count = 0;
    for (const problem of slot) {
      for (const r of problem) sum += r;
      count += problem.length;
    }
    if (count === 0) throw new Error(`computeProgramScores: slot ${p} has no rewards`);
    return sum / count;
  });
}

/** Ranked view of one step's slots, before any rating change. */
export interface SlotRanking {
  /** Slot indices by score, descending; stable, so equal scores keep selection order. */
  sortedProgramIndices: number[];
  /** `sortedProgramIndices` keeping only the first slot of each program id. */
  sortedProgramIndicesUnique: number[];
  /** Tie-group ids of the unique slots' scores (tolerance 0.01). */
  ties: number[];
  /** `sortedProgramIndicesUnique[0]`: the slot that is mutated and is Set A for crossover. */
  bestProgramIndex: number;
}

/**
 * Ranks the slots of one step. Duplicated programs (a program selected in several slots) are ranked by
 * their best-placed slot; ties between equal scores go to the earlier slot (the newest program for
 * uniform selection, the champion for lucb).
 */
export function rankProgramSlots<Id>(
  programIds: readonly Id[],
  programScores: readonly number[],
  tieTolerance: number = TIE_TOLERANCE,
): SlotRanking {
  if (programIds.length === 0) throw new Error("rankProgramSlots: no slots");
  if (programIds.length !== programScores.length) {
    throw new Error(`rankProgramSlots: ${programIds.length} ids but ${programScores.length} scores`);
  }
  const sortedProgramIndices = programIds.map((_, i) => i);
  // Array.prototype.sort is stable (ES2019), matching Python's sorted(..., reverse=True).
  sortedProgramIndices.sort((a, b) => programScores[b]! - programScores[a]!);
  const seen = new Set<Id>();
  const sortedProgramIndicesUnique: number[] = [];
  for (const slot of sortedProgramIndices) {
    const id = programIds[slot]!;
    if (seen.has(id)) continue;
    seen.add(id);
    sortedProgramIndicesUnique.push(slot);
  }
  const ties = scoresToTies(
    sortedProgramIndicesUnique.map((slot) => programScores[slot]!),
    tieTolerance,
  );
  return {
    sortedProgramIndices,
    sortedProgramIndicesUnique,
    ties,
    bestProgramIndex: sortedProgramIndicesUnique[0]!,
  };
}

export interface RankAndRateInput<Id> {
  /** Program id of every selection slot, in selection order (repeats allowed). */
  programIds: readonly Id[];
  /** Rewards [slot][problem][sample] of this step. */
  rewards: SlotRewards;
  /** Current rating of a program (called once per distinct program). */
  ratingOf: (id: Id) => Rating;
  system?: TrueSkillSystem;
}

export interface RankAndRateResult<Id> extends SlotRanking {
  /** Score of every slot (`computeProgramScores`); append each to its slot's program score history. */
  programScores: number[];
  /**
   * New rating of every distinct program, in ranked order. A single distinct program is left unchanged
   * (no dynamics), as in the reference — e.g. every step of `train_mode=rl`.
   */
  updatedRatings: Map<Id, Rating>;
}

/**
 * One step's ranking + TrueSkill update: slot scores, stable ranking, one multi-player
 * `rateRanking(…, applyDynamics = true)` over the distinct programs with ties at 0.01. Pure: the caller
 * writes `updatedRatings` back and appends the scores to the histories (`appendScoreHistory`), before
 * evolution so children start from the updated parent ratings.
 */
export function rankAndRate<Id>(input: RankAndRateInput<Id>): RankAndRateResult<Id> {
  const { programIds, rewards, ratingOf, system = DEFAULT_SYSTEM } = input;
  if (rewards.length !== programIds.length) {
    throw new Error(`rankAndRate: ${programIds.length} slots but rewards for ${rewards.length}`);
  }
  const programScores = computeProgramScores(rewards);
  const ranking = rankProgramSlots(programIds, programScores);
  const uniqueIds = ranking.sortedProgramIndicesUnique.map((slot) => programIds[slot]!);
  const rated = rateRanking(
    system,
    uniqueIds.map((id) => ratingOf(id)),
    ranking.ties,
    true,
  );
  const updatedRatings = new Map<Id, Rating>();
  uniqueIds.forEach((id, i) => updatedRatings.set(id, rated[i]!));
  return { ...ranking, programScores, updatedRatings };
}

/**
 * Appends every slot's score to its program's history, in slot order: a program selected in several
 * slots gets several entries (`add_eval_score` once per slot in the reference).
 */
export function appendScoreHistory<Id>(
  histories: Map<Id, number[]>,
  programIds: readonly Id[],
  programScores: readonly number[],
): void {
  programIds.forEach((id, slot) => {
    let history = histories.get(id);
    if (!history) {
      history = [];
      histories.set(id, history);
    }
    history.push(programScores[slot]!);
  });
}
