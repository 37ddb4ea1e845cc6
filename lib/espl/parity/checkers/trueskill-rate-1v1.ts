import { z } from "zod";
import { rate1v1 } from "../../trueskill/rate-1v1";
import { createRating } from "../../trueskill/system";
import { compare, fail, pass, TRUESKILL_REL_TOL } from "../compare";
import type { CaseChecker } from "../types";
import { findNonFinite, ratingSchema, systemSchema, toSystem } from "./trueskill-schemas";

const inputSchema = z.object({
  system: systemSchema,
  p1: ratingSchema,
  p2: ratingSchema,
  outcome: z.enum(["win", "loss", "draw"]),
  apply_dynamics: z.boolean(),
});
const expectedSchema = z.object({ p1: ratingSchema, p2: ratingSchema });

/** Two-player update; inputs go through `createRating` like the generator's `Rating(...)` calls. */
export const check: CaseChecker = (testCase) => {
  const input = inputSchema.parse(testCase.input);
  const expected = expectedSchema.parse(testCase.expected);
  const [p1, p2] = rate1v1(
    toSystem(input.system),
    createRating(input.p1.mu, input.p1.sigma),
    createRating(input.p2.mu, input.p2.sigma),
    input.outcome,
    input.apply_dynamics,
  );
  const actual = { p1, p2 };
  if (testCase.ill_conditioned) {
    const bad = findNonFinite(actual);
    return bad ? fail(bad) : pass;
  }
  return compare(actual, expected, { kind: "rel", tol: TRUESKILL_REL_TOL });
};
