/**
 * Tinker's JSON wire shapes (the hosted service's REST API, also served by SkyRL's Tinker API and by our
 * simulated server): request bodies as types, every reply as a zod schema, so a malformed reply is a
 * BackendError the runner's retry rules handle instead of a crash. Unknown fields are ignored.
 */
import "server-only";
import { z } from "zod";

export const API_PREFIX = "/api/v1";

// ───────────────────────── payloads ─────────────────────────

export interface EncodedTextChunk {
  type: "encoded_text";
  tokens: number[];
}

export interface ModelInput {
  chunks: EncodedTextChunk[];
}

export interface TensorData {
  data: number[];
  dtype: "int64" | "float32";
  shape: number[];
}

export interface Datum {
  model_input: ModelInput;
  loss_fn_inputs: { target_tokens: TensorData; logprobs: TensorData; advantages: TensorData };
}

export type LossFn = "importance_sampling" | "ppo" | "cispo";

export interface SamplingParamsBody {
  max_tokens: number;
  temperature: number;
  top_p: number;
  top_k?: number;
  seed?: number;
  stop: number[] | string[];
}

export interface AdamParams {
  learning_rate: number;
  beta1: number;
  beta2: number;
  eps: number;
}

/** SPEC §10.4: Adam β = (0.9, 0.95), ε = 1e-8; the learning rate comes from the run's config. */
/** E-SPL's Adam; weight decay and gradient clipping off, as the SDK sends them by default. */
export const ESPL_ADAM = { beta1: 0.9, beta2: 0.95, eps: 1e-8, weight_decay: 0, grad_clip_norm: 0 } as const;

export function toModelInput(tokens: readonly number[]): ModelInput {
  return { chunks: [{ type: "encoded_text", tokens: [...tokens] }] };
}

export function tensor(data: readonly number[], dtype: TensorData["dtype"]): TensorData {
  return { data: [...data], dtype, shape: [data.length] };
}

// ───────────────────────── replies ─────────────────────────

/**
 * Long numeric arrays (token ids, logprobs) checked in one loop: z.array(z.number()) runs zod's
 * per-element machinery, which was a tenth of a step's time on reference-sized batches.
 */
export const numberArray = z.custom<number[]>(
  (v) => Array.isArray(v) && v.every((x) => typeof x === "number" && Number.isFinite(x)),
  "expected an array of numbers",
);
export const tokenIdArray = z.custom<number[]>(
  (v) => Array.isArray(v) && v.every((x) => Number.isInteger(x) && x >= 0),
  "expected an array of token ids (non-negative integers)",
);

/** SDK 0.25's CreateSessionResponse: the id, and optional messages the client must show or obey. */
export const createSessionReplySchema = z.looseObject({
  session_id: z.string().min(1),
  info_message: z.string().nullish(),
  warning_message: z.string().nullish(),
  error_message: z.string().nullish(),
});

/** What a submitted request returns: a future to poll (model_id set for create_model). */
export const futureReplySchema = z.looseObject({
  request_id: z.string().min(1),
  model_id: z.string().nullish(),
});

export const createSamplingSessionReplySchema = z.looseObject({ sampling_session_id: z.string().min(1) });

export const capabilitiesReplySchema = z.looseObject({
  supported_models: z.array(z.looseObject({ model_name: z.string().nullish() })),
  /** An extension of ours: the simulated server says so, so its runs are labelled simulated. */
  simulated: z.boolean().optional(),
  /**
   * The batched poll (`POST /retrieve_futures`) of SDK 0.27+. Only fragments of it are public, so its
   * shape here is ours (future-poll.ts) and the simulated server's; a server says so to get it.
   */
  supports_retrieve_futures: z.boolean().optional(),
});

/** What a batched poll answers: one retrieve_future reply body per request, in request order. */
export const retrieveFuturesReplySchema = z.looseObject({ results: z.array(z.unknown()) });

/** How SkyRL (FastAPI) reports a failed future or a refused request: a 4xx with `{detail}`. */
export const detailSchema = z.looseObject({ detail: z.string() });

export const tryAgainSchema = z.looseObject({ type: z.literal("try_again") });

export const requestFailedSchema = z.looseObject({
  error: z.string(),
  category: z.string().nullish(),
});

/**
 * A large result is announced first ("reserve this many bytes"), then fetched by polling again without
 * allow_metadata_only. SDK 0.25 keys it on `status` (lib/api_future_impl.py); older servers sent `type`.
 */
export const completeMetadataSchema = z.union([
  z.looseObject({ status: z.literal("complete_metadata"), response_payload_size: z.number().nullish() }),
  z.looseObject({ type: z.literal("complete_metadata") }),
]);

const metricsSchema = z.record(z.string(), z.number()).nullish();

export const createModelResultSchema = z.looseObject({ model_id: z.string().min(1) });

const tensorReplySchema = z.looseObject({ data: numberArray });

export const forwardBackwardResultSchema = z.looseObject({
  loss_fn_output_type: z.string().nullish(),
  loss_fn_outputs: z.array(z.record(z.string(), tensorReplySchema)),
  metrics: metricsSchema,
});

export const optimStepResultSchema = z.looseObject({ metrics: metricsSchema });

export const pathResultSchema = z.looseObject({ path: z.string().min(1) });

export const loadWeightsResultSchema = z.looseObject({ path: z.string().nullish() });

const stopReasonSchema = z.string().nullish();

export const sampleResultSchema = z.looseObject({
  sequences: z.array(
    z
      .looseObject({
        tokens: tokenIdArray,
        logprobs: numberArray.nullish(),
        stop_reason: stopReasonSchema,
      })
      .refine((s) => !s.logprobs || s.logprobs.length === s.tokens.length, {
        message: "a sequence has a different number of logprobs and tokens",
      }),
  ),
});
