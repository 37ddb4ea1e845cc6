import { z } from "zod";
import { computePassAtK, computePassAtKForRange } from "../../pass-at-k";
import { compare } from "../compare";
import type { CaseChecker } from "../types";

const inputSchema = z.discriminatedUnion("fn", [
  z.object({ fn: z.literal("pass_at_k"), n: z.number().int(), c: z.number(), k: z.number().int() }),
  z.object({ fn: z.literal("pass_at_k_for_range"), n: z.number().int(), c: z.number() }),
]);
const expectedSchema = z.union([z.number(), z.array(z.number())]);

/** Plain float64 in the reference; the same operation order makes the results bit-identical. */
export const check: CaseChecker = (testCase) => {
  const input = inputSchema.parse(testCase.input);
  const expected = expectedSchema.parse(testCase.expected);
  const actual =
    input.fn === "pass_at_k"
      ? computePassAtK(input.n, input.c, input.k)
      : computePassAtKForRange(input.n, input.c);
  return compare(actual, expected, { kind: "exact" });
};
