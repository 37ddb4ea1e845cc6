import { z } from "zod";
import { fixJsonBackslashes, getOperationsFromJson, removeJsonComments } from "../../llm/json-repair";
import { compare, fail } from "../compare";
import type { CaseChecker } from "../types";

const inputSchema = z.object({
  fn: z.enum(["fix_json_backslashes", "remove_json_comments", "get_operations_from_json"]),
  text: z.string(),
});

const functions = {
  fix_json_backslashes: fixJsonBackslashes,
  remove_json_comments: removeJsonComments,
  get_operations_from_json: getOperationsFromJson,
};

export const check: CaseChecker = (testCase) => {
  const parsed = inputSchema.safeParse(testCase.input);
  if (!parsed.success) return fail(`bad input: ${parsed.error.message}`);
  return compare(functions[parsed.data.fn](parsed.data.text), testCase.expected);
};
