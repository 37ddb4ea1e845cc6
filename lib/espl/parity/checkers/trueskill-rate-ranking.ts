import { z } from "zod";
import { rateRanking } from "../../trueskill/rate-ranking";
import { createRating } from "../../trueskill/system";
import { compare, fail, pass, TRUESKILL_REL_TOL } from "../compare";
import type { CaseChecker } from "../types";
import { findNonFinite, ratingSchema, systemSchema, toSystem } from "./trueskill-schemas";

const inputSchema = z.object({
  system: systemSchema,
  ratings: z.array(ratingSchema),
  ties: z.array(z.number().int()).nullable(),
  apply_dynamics: z.boolean(),
});
const expectedSchema = z.array(ratingSchema);

/** Ranking update (1 player: copy, 2: 1v1, 3+: EP chain); ties may be non-monotone. */
export const check: CaseChecker = (testCase) => {
  const input = inputSchema.parse(testCase.input);
  const expected = expectedSchema.parse(testCase.expected);
  const actual = rateRanking(
    toSystem(input.system),
    input.ratings.map((r) => createRating(r.mu, r.sigma)),
    input.ties,
    input.apply_dynamics,
  );
  if (testCase.ill_conditioned) {
    const bad = findNonFinite(actual);
    return bad ? fail(bad) : pass;
  }
  return compare(actual, expected, { kind: "rel", tol: TRUESKILL_REL_TOL });
};
