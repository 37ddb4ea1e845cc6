import { z } from "zod";
import { computeDrawMargin } from "../../trueskill/system";
import { compare, TRUESKILL_REL_TOL } from "../compare";
import type { CaseChecker } from "../types";

const inputSchema = z.object({ beta: z.number(), draw_probability: z.number() });
const expectedSchema = z.object({ epsilon: z.number() });

/** The absolute draw margin derived from (β, draw probability). */
export const check: CaseChecker = (testCase) => {
  const input = inputSchema.parse(testCase.input);
  const expected = expectedSchema.parse(testCase.expected);
  const actual = { epsilon: computeDrawMargin(input.draw_probability, input.beta) };
  return compare(actual, expected, { kind: "rel", tol: TRUESKILL_REL_TOL });
};
