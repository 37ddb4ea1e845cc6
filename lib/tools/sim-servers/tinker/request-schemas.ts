/** The request bodies the simulated Tinker server accepts, validated like the real service's. */
import { z } from "zod";
import { numberArray, tokenIdArray } from "@/lib/server/runner/backends/tinker/protocol";

const tokens = tokenIdArray;
const modelInput = z.object({
  chunks: z.array(z.object({ type: z.literal("encoded_text"), tokens })).min(1),
});
const tensor = z.object({
  data: numberArray,
  dtype: z.string().optional(),
  shape: z.array(z.number()).optional(),
});

export const createSessionSchema = z.looseObject({});
export const heartbeatSchema = z.looseObject({ session_id: z.string() });
export const createModelSchema = z.looseObject({
  session_id: z.string(),
  base_model: z.string(),
  lora_config: z.looseObject({
    rank: z.number().int().positive(),
    seed: z.number().int().nonnegative().nullish(),
  }),
});
export const createSamplerSchema = z.looseObject({
  session_id: z.string(),
  sampling_session_seq_id: z.number().int().nonnegative(),
  base_model: z.string().nullish(),
  model_path: z.string().nullish(),
});
export const asampleSchema = z.looseObject({
  sampling_session_id: z.string(),
  seq_id: z.number().int().nonnegative(),
  prompt: modelInput,
  num_samples: z.number().int().positive().max(1024),
  sampling_params: z.looseObject({ max_tokens: z.number().int().positive() }),
});
export const forwardBackwardSchema = z.looseObject({
  model_id: z.string(),
  seq_id: z.number().int().nonnegative(),
  forward_backward_input: z.looseObject({
    loss_fn: z.enum(["importance_sampling", "ppo", "cispo"]),
    data: z.array(
      z.object({
        model_input: modelInput,
        loss_fn_inputs: z.looseObject({ target_tokens: tensor, logprobs: tensor, advantages: tensor }),
      }),
    ),
  }),
});
export const optimStepSchema = z.looseObject({
  model_id: z.string(),
  seq_id: z.number().int().nonnegative(),
  adam_params: z.looseObject({ learning_rate: z.number().nonnegative() }),
});
export const saveWeightsSchema = z.looseObject({
  model_id: z.string(),
  seq_id: z.number().int().nonnegative(),
  path: z.string().regex(/^[\w.-]+$/, "a checkpoint name is letters, digits, '.', '_' or '-'"),
});
export const loadWeightsSchema = z.looseObject({
  model_id: z.string(),
  seq_id: z.number().int().nonnegative(),
  path: z.string(),
});
export const retrieveSchema = z.looseObject({
  request_id: z.string(),
  allow_metadata_only: z.boolean().nullish(),
});
export const retrieveManySchema = z.looseObject({ requests: z.array(retrieveSchema).min(1).max(10_000) });
