/**
 * The config keys `espl run` passes to createRun: a JSON file's keys, then the --set ones over them. The
 * merge over defaults or a preset, and the validation of every key, happen in createRun, the same as for
 * the dashboard; --set values are only read here from text into numbers, strings or null.
 */
import { readFileSync } from "node:fs";
import { parseConfigArgs } from "@/lib/espl/config";
import { RUN_JSON_FORMAT } from "@/lib/domain/export-formats";
import { CliError } from "./cli-error";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A config object, or a run exported as JSON (its config is taken, seed included, to replay it). */
export function parseConfigFile(text: string, path: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (isRecord(value) && value.format === RUN_JSON_FORMAT && isRecord(value.config)) return value.config;
  if (!isRecord(value)) throw new CliError(`${path} must hold a JSON object of config keys`);
  return value;
}

export function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      `cannot read ${path}: ${code === "ENOENT" ? "no such file" : (error as Error).message}`,
    );
  }
  return parseConfigFile(text, path);
}

/** `--set key=value` lines as typed values; every problem is reported, each naming its key. */
export function parseSetOverrides(lines: readonly string[]): Record<string, unknown> {
  if (lines.length === 0) return {};
  const result = parseConfigArgs(lines);
  if (!result.ok) throw new CliError(`invalid config: ${result.errors.map((e) => e.message).join("; ")}`);
  const overrides: Record<string, unknown> = {};
  for (const line of lines) {
    const key = line.slice(0, line.indexOf("=")).trim() as keyof typeof result.config;
    overrides[key] = result.config[key];
  }
  return overrides;
}

/** The config file's keys with the --set ones over them. */
export function buildConfigOverrides(
  configFile: string | undefined,
  setOverrides: Record<string, unknown>,
): Record<string, unknown> {
  const fromFile = configFile === undefined ? {} : readConfigFile(configFile);
  return { ...fromFile, ...setOverrides };
}
