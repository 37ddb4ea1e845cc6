import { z } from "zod";
import type { Rating } from "../../types";
import { appendScoreHistory, rankAndRate } from "../../trueskill/step-ratings";
import { createRating, DEFAULT_SYSTEM } from "../../trueskill/system";
import { FLOAT32_ABS_TOL, findDifference, fail, type NumberMode, pass, TRUESKILL_REL_TOL } from "../compare";
import type { CaseChecker } from "../types";
import { findNonFinite, ratingSchema } from "./trueskill-schemas";

const inputSchema = z.object({
  initial_ratings: z.record(z.string(), ratingSchema),
  iterations: z.array(
    z.object({
      program_ids: z.array(z.number().int()).min(1),
      rewards: z.array(z.array(z.array(z.number()))),
    }),
  ),
});
const expectedSchema = z.object({
  iterations: z.array(
    z.object({
      program_scores: z.array(z.number()),
      sorted_program_indices: z.array(z.number().int()),
      sorted_program_indices_unique: z.array(z.number().int()),
      ties: z.array(z.number().int()),
      best_program_index: z.number().int(),
      ratings_after: z.record(z.string(), ratingSchema),
      score_history_after: z.record(z.string(), z.array(z.number())),
    }),
  ),
});

const REL: NumberMode = { kind: "rel", tol: TRUESKILL_REL_TOL };
const F32: NumberMode = { kind: "abs", tol: FLOAT32_ABS_TOL };
const EXACT: NumberMode = { kind: "exact" };

/**
 * The reference ranks float32 means, so slots with equal reward totals can come out in float32-noise
 * order instead of selection order (SPEC §13.11); we rank exact float64 means. The slot order must
 * match except within runs of exactly equal float64 scores, where the reference's order may be any
 * permutation. (The unique order, ties and ratings must match exactly — the vectors contain no case
 * where the noise changes them.)
 */
function findOrderDifference(actual: number[], expected: number[], scores: number[]): string | null {
  if (findDifference(actual, expected) === null) return null;
  const isPermutation =
    expected.length === actual.length && [...expected].sort((a, b) => a - b).every((v, i) => v === i);
  const sameScores = isPermutation && expected.every((slot, i) => scores[slot] === scores[actual[i]!]);
  return sameScores ? null : `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

/**
 * Several steps of main's ranking + rating update with state carried across steps. Program ids are
 * the vectors' integer ids as strings (the initial_ratings keys). Scores and histories are float32 in
 * the reference, so they compare within 1e-6; ranking outputs exactly; ratings relatively.
 */
export const check: CaseChecker = (testCase) => {
  const input = inputSchema.parse(testCase.input);
  const expected = expectedSchema.parse(testCase.expected);
  if (expected.iterations.length !== input.iterations.length) {
    return fail(`expected ${expected.iterations.length} iterations, input has ${input.iterations.length}`);
  }
  // The generator built the initial ratings with Rating(...), which floors σ.
  const ratings = new Map<string, Rating>(
    Object.entries(input.initial_ratings).map(([id, r]) => [id, createRating(r.mu, r.sigma)]),
  );
  const histories = new Map<string, number[]>([...ratings.keys()].map((id) => [id, []]));

  for (const [step, iteration] of input.iterations.entries()) {
    const want = expected.iterations[step]!;
    const programIds = iteration.program_ids.map(String);
    const result = rankAndRate({
      programIds,
      rewards: iteration.rewards,
      ratingOf: (id) => {
        const r = ratings.get(id);
        if (!r) throw new Error(`unknown program id ${id}`);
        return r;
      },
      system: DEFAULT_SYSTEM,
    });
    for (const [id, r] of result.updatedRatings) ratings.set(id, r);
    appendScoreHistory(histories, programIds, result.programScores);

    const at = `iterations[${step}]`;
    const checks: [unknown, unknown, NumberMode, string][] = [
      [result.programScores, want.program_scores, F32, "program_scores"],
      [
        result.sortedProgramIndicesUnique,
        want.sorted_program_indices_unique,
        EXACT,
        "sorted_program_indices_unique",
      ],
      [result.ties, want.ties, EXACT, "ties"],
      [result.bestProgramIndex, want.best_program_index, EXACT, "best_program_index"],
      [Object.fromEntries(histories), want.score_history_after, F32, "score_history_after"],
    ];
    const ratingsAfter = Object.fromEntries(ratings);
    if (testCase.ill_conditioned) {
      const bad = findNonFinite(ratingsAfter, `$.${at}.ratings_after`);
      if (bad) return fail(bad);
    } else {
      checks.push([ratingsAfter, want.ratings_after, REL, "ratings_after"]);
    }
    for (const [actual, wanted, mode, name] of checks) {
      const d = findDifference(actual, wanted, mode, `$.${at}.${name}`);
      if (d) return fail(d);
    }
    const d = findOrderDifference(
      result.sortedProgramIndices,
      want.sorted_program_indices,
      result.programScores,
    );
    if (d) return fail(`$.${at}.sorted_program_indices: ${d}`);
  }
  return pass;
};
