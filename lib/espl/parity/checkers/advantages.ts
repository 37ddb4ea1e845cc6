import { z } from "zod";
import { computeAdvantages } from "../../advantages";
import { FLOAT32_ABS_TOL, compare, fail, findDifference, pass } from "../compare";
import type { CaseChecker } from "../types";

const inputSchema = z.object({
  mode: z.enum(["normal", "marginalize"]),
  rewards: z.array(z.array(z.array(z.number()))),
});
const expectedSchema = z.object({
  advantages: z.array(z.array(z.array(z.number()))),
  trained_groups: z.array(z.array(z.boolean())),
});

/** Advantages are float32 torch values (abs 1e-6); the skip flags must match exactly. */
export const check: CaseChecker = (testCase) => {
  const input = inputSchema.parse(testCase.input);
  const expected = expectedSchema.parse(testCase.expected);
  const actual = computeAdvantages(input.rewards, input.mode);
  const flags = findDifference(
    actual.trainedGroups,
    expected.trained_groups,
    { kind: "exact" },
    "$.trained_groups",
  );
  if (flags) return fail(flags);
  const values = compare(actual.advantages, expected.advantages, { kind: "abs", tol: FLOAT32_ABS_TOL });
  return values.ok ? pass : values;
};
