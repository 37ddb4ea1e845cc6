import { z } from "zod";
import type { Principle } from "../../types";
import { attachPolicyPrompt, buildPolicyPromptSlots } from "../../prompts/policy-prompt";
import type { PolicyPromptSlots } from "../../prompts/policy-prompt";
import { compare, fail } from "../compare";
import type { CaseChecker } from "../types";

const inputSchema = z.object({ principles: z.record(z.string(), z.string()), problem: z.string() });

function toVectorSlots(slots: PolicyPromptSlots) {
  return slots.usesTemplate
    ? { uses_template: true, problem: slots.problem, principles: slots.principles }
    : { uses_template: false, raw: slots.raw };
}

export const check: CaseChecker = (testCase) => {
  const parsed = inputSchema.safeParse(testCase.input);
  if (!parsed.success) return fail(`bad input: ${parsed.error.message}`);
  const principles: Principle[] = Object.entries(parsed.data.principles).map(([id, text]) => ({ id, text }));
  const { problem } = parsed.data;
  const record = attachPolicyPrompt({ problem, groundtruth: 0 }, principles, "train");
  return compare(
    {
      test: toVectorSlots(buildPolicyPromptSlots(principles, problem, "test")),
      train: toVectorSlots(buildPolicyPromptSlots(principles, problem, "train")),
      record_keys: Object.keys(record),
    },
    testCase.expected,
  );
};
