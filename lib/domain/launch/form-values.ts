/**
 * Form values ↔ engine config. The form holds every config key as text (what an input holds); turning it
 * back goes through the engine's own command-line parser, so the form, the server action and the CLI
 * coerce and validate a value identically and every error names its key.
 */
import { parseConfigArgs, type EsplConfig } from "@/lib/espl/config";
import { FORM_CONFIG_KEYS, type ConfigField } from "./config-fields";

export type ConfigFormValues = Record<ConfigField["key"], string>;

const NULLABLE_KEYS = new Set<string>(["base_url", "log_path"]);

export function configToFormValues(config: EsplConfig): ConfigFormValues {
  return Object.fromEntries(
    FORM_CONFIG_KEYS.map((key) => {
      const value = config[key];
      return [key, value === null ? "" : String(value)];
    }),
  ) as ConfigFormValues;
}

export type FormConfigResult =
  { ok: true; config: Omit<EsplConfig, "seed"> } | { ok: false; errors: Partial<Record<string, string[]>> };

/** Every form key is sent, so the result is the whole config; an empty nullable field means null. */
export function formValuesToConfig(values: Readonly<Record<string, string>>): FormConfigResult {
  const lines = FORM_CONFIG_KEYS.map((key) => {
    const text = values[key] ?? "";
    return `${key}=${NULLABLE_KEYS.has(key) && text.trim() === "" ? "None" : text}`;
  });
  const result = parseConfigArgs(lines);
  if (result.ok) {
    const { seed: _seed, ...config } = result.config;
    return { ok: true, config };
  }
  const errors: Record<string, string[]> = {};
  for (const error of result.errors) {
    // The engine prefixes messages with their key; the form shows them beside the field instead.
    const message = error.message.startsWith(`${error.key}: `)
      ? error.message.slice(error.key.length + 2)
      : error.message;
    (errors[error.key] ??= []).push(message);
  }
  return { ok: false, errors };
}
