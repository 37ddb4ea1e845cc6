import { z } from "zod";
import { buildTrainingDatums } from "../../datums";
import { FLOAT32_ABS_TOL, fail, findDifference, pass } from "../compare";
import type { CaseChecker } from "../types";

const tokens = z.array(z.number().int());
const floats = z.array(z.number());
const inputSchema = z.object({
  prompt_tokens: z.array(z.array(tokens)),
  sampled_tokens: z.array(z.array(z.array(tokens))),
  sampled_logprobs: z.array(z.array(z.array(floats))),
  advantages: z.array(z.array(z.array(z.number()))),
});
const expectedSchema = z.object({
  datums: z.array(
    z.object({ input_tokens: tokens, target_tokens: tokens, logprobs: floats, advantages: floats }),
  ),
});

/** Token ids compare exactly; logprobs and advantages are float32 tensor values (abs 1e-6). */
export const check: CaseChecker = (testCase) => {
  const input = inputSchema.parse(testCase.input);
  const expected = expectedSchema.parse(testCase.expected);
  const datums = buildTrainingDatums({
    promptTokens: input.prompt_tokens,
    sampledTokens: input.sampled_tokens,
    sampledLogprobs: input.sampled_logprobs,
    advantages: input.advantages,
  });
  const tokenDiff = findDifference(
    datums.map((d) => ({ input_tokens: d.inputTokens, target_tokens: d.targetTokens })),
    expected.datums.map((d) => ({ input_tokens: d.input_tokens, target_tokens: d.target_tokens })),
    { kind: "exact" },
    "$.datums",
  );
  if (tokenDiff) return fail(tokenDiff);
  const valueDiff = findDifference(
    datums.map((d) => ({ logprobs: d.logprobs, advantages: d.advantages })),
    expected.datums.map((d) => ({ logprobs: d.logprobs, advantages: d.advantages })),
    { kind: "abs", tol: FLOAT32_ABS_TOL },
    "$.datums",
  );
  return valueDiff ? fail(valueDiff) : pass;
};
