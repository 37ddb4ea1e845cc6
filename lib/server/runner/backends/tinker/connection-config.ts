/**
 * What a Tinker-compatible backend row holds: the base model to train (`policy`), the local tokenizer
 * folder whose chat template renders prompts (`tokenizer`), and optional tuning. ModelBackend.models keeps
 * strings only, so numbers arrive as strings and are coerced here.
 */
import "server-only";
import { z } from "zod";
import type { BackendConnection } from "../driver";

const positiveIntText = z.coerce.number().int().positive();

export const tinkerModelsSchema = z.object({
  /** Base model the LoRA is trained on, as the service names it (e.g. "Qwen/Qwen3-8B"). */
  policy: z
    .string({ error: "name the base model to train under models.policy" })
    .trim()
    .min(1, "name the base model to train under models.policy"),
  /** Folder with tokenizer.json and tokenizer_config.json (chat_template) of that model. */
  tokenizer: z
    .string({ error: "name the local tokenizer folder under models.tokenizer" })
    .trim()
    .min(1, "name the local tokenizer folder under models.tokenizer"),
  /** Base model for reflection calls when they differ from the policy's (defaults to policy). */
  reflection: z.string().trim().min(1).optional(),
  lora_rank: positiveIntText.max(1024).default(32),
  request_timeout_ms: positiveIntText.max(600_000).default(60_000),
  /** LoRA on the unembedding too (Tinker's default); "false" where vLLM samples, which cannot serve it. */
  train_unembed: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
});

export type TinkerModels = z.infer<typeof tinkerModelsSchema>;

export class TinkerConfigError extends Error {
  override name = "TinkerConfigError";
}

export function parseTinkerConnection(connection: BackendConnection): TinkerModels & { baseUrl: string } {
  if (!connection.baseUrl) throw new TinkerConfigError("a Tinker-compatible backend needs a base URL");
  const parsed = tinkerModelsSchema.safeParse(connection.models);
  if (!parsed.success)
    throw new TinkerConfigError(
      `invalid Tinker backend models: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return { ...parsed.data, baseUrl: connection.baseUrl };
}
