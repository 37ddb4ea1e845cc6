/**
 * The parts of OpenAI-compatible replies the driver reads, validated before use. Loose objects: servers
 * add fields of their own (vLLM's token ids, llama.cpp's timings), and those must not break parsing.
 * Shared by the driver (client side) and the simulated server's tests.
 */
import "server-only";
import { z } from "zod";

const tokenCount = z.number().int().nonnegative();

export const usageSchema = z
  .looseObject({ prompt_tokens: tokenCount.nullish(), completion_tokens: tokenCount.nullish() })
  .nullish();

export const modelListSchema = z.looseObject({
  data: z.array(z.looseObject({ id: z.string().min(1) })),
});

const chatTokenLogprob = z.looseObject({ token: z.string(), logprob: z.number() });

export const chatCompletionSchema = z.looseObject({
  choices: z
    .array(
      z.looseObject({
        index: z.number().int().nonnegative().optional(),
        message: z.looseObject({ content: z.string().nullish() }),
        finish_reason: z.string().nullish(),
        logprobs: z.looseObject({ content: z.array(chatTokenLogprob).nullish() }).nullish(),
        /** vLLM with return_token_ids. */
        token_ids: z.array(z.number().int()).nullish(),
      }),
    )
    .min(1, "no choices"),
  usage: usageSchema,
  /** vLLM with return_token_ids. */
  prompt_token_ids: z.array(z.number().int()).nullish(),
});

export const completionSchema = z.looseObject({
  choices: z
    .array(
      z.looseObject({
        index: z.number().int().nonnegative().optional(),
        text: z.string(),
        finish_reason: z.string().nullish(),
        logprobs: z
          .looseObject({
            tokens: z.array(z.string()).nullish(),
            token_logprobs: z.array(z.number().nullable()).nullish(),
          })
          .nullish(),
        token_ids: z.array(z.number().int()).nullish(),
        prompt_token_ids: z.array(z.number().int()).nullish(),
      }),
    )
    .min(1, "no choices"),
  usage: usageSchema,
});

export type ChatCompletionReply = z.infer<typeof chatCompletionSchema>;
export type CompletionReply = z.infer<typeof completionSchema>;

/** The first issue, as one line for the run's error column. */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  const path = issue.path.length > 0 ? issue.path.join(".") : "reply";
  return `${path}: ${issue.message}`;
}
