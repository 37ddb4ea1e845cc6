import { z } from "zod";
import { scoresToTies } from "../../trueskill/scores-to-ties";
import { compare } from "../compare";
import type { CaseChecker } from "../types";

const inputSchema = z.object({ scores: z.array(z.number()), tolerance: z.number() });
const expectedSchema = z.array(z.number().int());

/** Tie-group ids must match exactly. */
export const check: CaseChecker = (testCase) => {
  const input = inputSchema.parse(testCase.input);
  const expected = expectedSchema.parse(testCase.expected);
  return compare(scoresToTies(input.scores, input.tolerance), expected, { kind: "exact" });
};
