/**
 * config.json (the reference's chz config) → our engine config: each known key is validated on its own
 * and kept when valid; unknown keys and invalid values are kept aside, so nothing the file said is lost.
 */
import "server-only";
import { esplConfigSchema, getDefaultConfig, type EsplConfig } from "@/lib/espl/config";

export interface MappedConfig {
  config: EsplConfig;
  /** Keys our engine does not have, with their values. */
  unknownKeys: Record<string, unknown>;
  /** Known keys whose value our engine refuses, with the value and the reason. */
  invalidKeys: Record<string, { value: unknown; reason: string }>;
}

export function mapReferenceConfig(raw: Record<string, unknown> | null): MappedConfig {
  const config: Record<string, unknown> = { ...getDefaultConfig() };
  const unknownKeys: Record<string, unknown> = {};
  const invalidKeys: MappedConfig["invalidKeys"] = {};
  const shape = esplConfigSchema.shape as Record<string, (typeof esplConfigSchema.shape)[keyof EsplConfig]>;
  for (const [key, value] of Object.entries(raw ?? {})) {
    const field = shape[key];
    if (!field) {
      unknownKeys[key] = value;
      continue;
    }
    const parsed = field.safeParse(value);
    if (parsed.success) config[key] = parsed.data;
    else invalidKeys[key] = { value, reason: parsed.error.issues[0]?.message ?? "invalid" };
  }
  return { config: esplConfigSchema.parse(config), unknownKeys, invalidKeys };
}
