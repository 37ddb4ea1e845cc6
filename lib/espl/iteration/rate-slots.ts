/**
 * The step's ranking and TrueSkill update applied to live programs (SPEC §6.7): every slot's score goes
 * into its program's history, the distinct programs are ranked and rated once, and the new ratings are
 * written back before evolution so children start from their parents' updated ratings.
 */
import type { Program } from "../program";
import { rankAndRate } from "../trueskill/step-ratings";
import type { RankAndRateResult, SlotRewards } from "../trueskill/step-ratings";
import type { RatingUpdateView } from "./types";

export interface SlotRating {
  ranking: RankAndRateResult<number>;
  ratingUpdates: RatingUpdateView[];
}

/**
 * `slots` are the selected programs in slot order; a program selected twice appears twice (the same
 * object), gets two history entries and one rating update. Mutates the programs.
 */
export function rateSelectedSlots(slots: readonly Program[], rewards: SlotRewards): SlotRating {
  const programIds = slots.map((p) => p.programId);
  const byId = new Map<number, Program>();
  for (const program of slots) byId.set(program.programId, program);
  const ranking = rankAndRate({
    programIds,
    rewards,
    ratingOf: (id) => byId.get(id)!.rating,
  });
  slots.forEach((program, slot) => program.pastScoreHistory.push(ranking.programScores[slot]!));

  const ratingUpdates = ranking.sortedProgramIndicesUnique.map((rankedSlot, rank): RatingUpdateView => {
    const program = slots[rankedSlot]!;
    const slotsOfProgram: number[] = [];
    let scoreSum = 0;
    programIds.forEach((id, slot) => {
      if (id !== program.programId) return;
      slotsOfProgram.push(slot);
      scoreSum += ranking.programScores[slot]!;
    });
    const before = { mu: program.rating.mu, sigma: program.rating.sigma };
    const after = ranking.updatedRatings.get(program.programId)!;
    program.rating = { mu: after.mu, sigma: after.sigma };
    return {
      programId: program.programId,
      slots: slotsOfProgram,
      score: scoreSum / slotsOfProgram.length,
      rank,
      tieGroup: ranking.ties[rank]!,
      before,
      after: { mu: after.mu, sigma: after.sigma },
    };
  });
  return { ranking, ratingUpdates };
}
