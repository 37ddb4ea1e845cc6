import { z } from "zod";
import { initCrossoverChildRating, initMutationChildRating } from "../../trueskill/rating-init";
import { createRating } from "../../trueskill/system";
import { compare, TRUESKILL_REL_TOL } from "../compare";
import type { CaseChecker } from "../types";
import { ratingSchema } from "./trueskill-schemas";

const inputSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("mutation"), rating: ratingSchema, mutation_sigma: z.number() }),
  z.object({
    kind: z.literal("crossover"),
    ratings: z.array(ratingSchema).min(1),
    crossover_sigma: z.number(),
  }),
]);

/** Child ratings from mutation (one parent) or crossover (precision-weighted parents). */
export const check: CaseChecker = (testCase) => {
  const input = inputSchema.parse(testCase.input);
  const expected = ratingSchema.parse(testCase.expected);
  const actual =
    input.kind === "mutation"
      ? initMutationChildRating(createRating(input.rating.mu, input.rating.sigma), input.mutation_sigma)
      : initCrossoverChildRating(
          input.ratings.map((r) => createRating(r.mu, r.sigma)),
          input.crossover_sigma,
        );
  return compare(actual, expected, { kind: "rel", tol: TRUESKILL_REL_TOL });
};
