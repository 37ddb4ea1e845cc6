import { z } from "zod";
import type { Principle } from "../../types";
import { applyCrossoverOperations } from "../../operations";
import { compare, fail, findKeyOrderDifference, pass } from "../compare";
import type { CaseChecker } from "../types";

const inputSchema = z.object({ principles: z.record(z.string(), z.string()), operations: z.unknown() });
const expectedSchema = z.record(z.string(), z.string());

export const check: CaseChecker = (testCase) => {
  const parsed = inputSchema.safeParse(testCase.input);
  const expected = expectedSchema.safeParse(testCase.expected);
  if (!parsed.success) return fail(`bad input: ${parsed.error.message}`);
  if (!expected.success) return fail(`bad expected: ${expected.error.message}`);
  const principles: Principle[] = Object.entries(parsed.data.principles).map(([id, text]) => ({ id, text }));
  const result = applyCrossoverOperations(principles, parsed.data.operations);
  if (!result.ok) return fail(`raised ${result.error.pyType}: ${result.error.message}`);
  const actual = Object.fromEntries(result.principles.map((p) => [p.id, p.text]));
  const verdict = compare(actual, testCase.expected);
  if (!verdict.ok) return verdict;
  const order = findKeyOrderDifference(actual, expected.data);
  return order ? fail(order) : pass;
};
