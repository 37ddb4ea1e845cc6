/**
 * Per-backend driver settings, stored in ModelBackend.options and read by the worker's drivers and the
 * registry page. One schema for the form, the actions and the driver, so a stored value the form could
 * not have produced is refused at the same place. Unknown keys are dropped (a later version may add some).
 */
import { z } from "zod";

export const POLICY_APIS = ["chat", "completions"] as const;
export type PolicyApi = (typeof POLICY_APIS)[number];

const price = z.number().finite().min(0).max(10_000);

export const backendOptionsSchema = z.object({
  /** Requests in flight at once against this backend, policy and reflection together. */
  concurrency: z.number().int().min(1).max(512).default(8),
  /** Per-request timeout; a timeout is transient and retried by the runner. */
  timeoutMs: z.number().int().min(1_000).max(3_600_000).default(600_000),
  /** `chat`: /v1/chat/completions (chat models). `completions`: /v1/completions (base models, vLLM token ids). */
  policyApi: z.enum(POLICY_APIS).default("chat"),
  /** Stop sequences for policy sampling. */
  stop: z.array(z.string().min(1).max(200)).max(4).default([]),
  /** Ask for logprobs (and vLLM's token ids) with policy samples. */
  requestLogprobs: z.boolean().default(true),
  /** Ask vLLM for token ids (`return_token_ids`); other servers refuse or ignore the field. */
  returnTokenIds: z.boolean().default(false),
  /**
   * Send the engine's structured reflection context as the non-standard body field `espl_context`.
   * Only the simulated server reads it; vLLM ignores it, api.openai.com refuses it, so it is off by default.
   */
  sendReflectionContext: z.boolean().default(false),
  /** Price in dollars per million tokens, for cost estimates; absent: no cost shown. */
  inputPricePerM: price.optional(),
  outputPricePerM: price.optional(),
});

export type BackendOptions = z.infer<typeof backendOptionsSchema>;

/** Stored options, defaults filled in; a damaged value falls back to the defaults instead of failing a run. */
export function readBackendOptions(stored: unknown): BackendOptions {
  const parsed = backendOptionsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : backendOptionsSchema.parse({});
}
