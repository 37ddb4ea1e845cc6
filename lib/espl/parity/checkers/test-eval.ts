import { z } from "zod";
import { computeTestMetrics } from "../../metrics";
import { FLOAT32_ABS_TOL, compare, fail, findKeyOrderDifference } from "../compare";
import type { CaseChecker } from "../types";

const inputSchema = z.object({ test_rewards: z.array(z.array(z.number())) });
const expectedSchema = z.record(z.string(), z.number());

/** eval_avg_reward is float64, Pass@k float32 means; both fit the README's abs 1e-6. Key order is kept too. */
export const check: CaseChecker = (testCase) => {
  const input = inputSchema.parse(testCase.input);
  const expected = expectedSchema.parse(testCase.expected);
  const actual = computeTestMetrics(input.test_rewards);
  const order = findKeyOrderDifference(actual, expected);
  if (order) return fail(order);
  return compare(actual, expected, { kind: "abs", tol: FLOAT32_ABS_TOL });
};
