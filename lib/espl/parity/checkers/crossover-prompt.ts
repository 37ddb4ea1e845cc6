import { z } from "zod";
import type { Principle } from "../../types";
import { buildCrossoverPromptMiddle } from "../../prompts/crossover-prompt";
import { compare, fail } from "../compare";
import type { CaseChecker } from "../types";

const inputSchema = z.object({
  system_prompt_list: z.array(z.record(z.string(), z.string())),
  problems_each_prompt_did_best: z.array(z.array(z.tuple([z.number().int(), z.string()]))),
});

export const check: CaseChecker = (testCase) => {
  const parsed = inputSchema.safeParse(testCase.input);
  if (!parsed.success) return fail(`bad input: ${parsed.error.message}`);
  const sets: Principle[][] = parsed.data.system_prompt_list.map((dict) =>
    Object.entries(dict).map(([id, text]) => ({ id, text })),
  );
  const won = parsed.data.problems_each_prompt_did_best.map((list) =>
    list.map(([problemIndex, text]) => ({ problemIndex, text })),
  );
  return compare({ prompt_middle: buildCrossoverPromptMiddle(sets, won) }, testCase.expected);
};
