/** Request bodies the simulated server accepts, validated as a real server would (400 on a bad field). */
import { z } from "zod";

const sampling = {
  model: z.string().min(1),
  n: z.number().int().min(1).max(128).default(1),
  temperature: z.number().min(0).max(2).default(1),
  top_p: z.number().gt(0).max(1).default(1),
  max_tokens: z.number().int().min(1).nullish(),
  max_completion_tokens: z.number().int().min(1).nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  stream: z.literal(false).nullish(),
  return_token_ids: z.boolean().nullish(),
};

export const chatRequestSchema = z.looseObject({
  ...sampling,
  messages: z
    .array(z.looseObject({ role: z.enum(["system", "user", "assistant", "developer"]), content: z.string() }))
    .min(1),
  logprobs: z.boolean().nullish(),
  espl_context: z.object({ purpose: z.string(), context: z.unknown() }).nullish(),
});

export const completionRequestSchema = z.looseObject({
  ...sampling,
  prompt: z.string(),
  logprobs: z.number().int().min(0).max(5).nullish(),
});

export type ChatRequestBody = z.infer<typeof chatRequestSchema>;
export type CompletionRequestBody = z.infer<typeof completionRequestSchema>;
