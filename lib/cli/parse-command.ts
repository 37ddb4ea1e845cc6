/**
 * The command line, parsed with node:util parseArgs into one typed command. Pure (no I/O): everything
 * that can be checked without the database is checked here, so mistakes fail fast with exit 2.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { EXPORT_FORMATS, isExportFormat, type ExportFormat } from "@/lib/export/export-formats";
import { MAX_RUN_SEED } from "@/lib/runs/run-seed";
import { isPresetId, PRESET_IDS, type PresetId } from "@/lib/runs/presets";
import { usageError } from "./cli-error";
import { parseSetOverrides } from "./run-config";
import { isCommandName, type CommandName } from "./usage";

export interface RunOptions {
  preset?: PresetId;
  configFile?: string;
  /** The --set keys, read into typed values (checked here, so a typo fails before the database starts). */
  setOverrides: Record<string, unknown>;
  backend: string;
  seed?: number;
  name?: string;
  tags: string[];
  wait: boolean;
}

export type Command =
  | { kind: "help"; topic?: CommandName }
  | ({ kind: "run" } & RunOptions)
  | { kind: "status"; run?: string }
  | { kind: "wait"; run: string }
  | { kind: "pause"; run: string }
  | { kind: "resume"; run: string; wait: boolean }
  | { kind: "cancel"; run: string; hard: boolean }
  | { kind: "export"; run: string; format: ExportFormat; out?: string }
  | { kind: "import"; path: string; name?: string };

type Options = NonNullable<ParseArgsConfig["options"]>;

const HELP: Options = { help: { type: "boolean", short: "h" } };

const OPTIONS: Record<CommandName, Options> = {
  run: {
    ...HELP,
    preset: { type: "string" },
    config: { type: "string" },
    set: { type: "string", multiple: true },
    backend: { type: "string" },
    seed: { type: "string" },
    name: { type: "string" },
    tag: { type: "string", multiple: true },
    wait: { type: "boolean" },
  },
  status: HELP,
  wait: HELP,
  pause: HELP,
  resume: { ...HELP, wait: { type: "boolean" } },
  cancel: { ...HELP, hard: { type: "boolean" } },
  export: { ...HELP, format: { type: "string", short: "f" }, out: { type: "string", short: "o" } },
  import: { ...HELP, name: { type: "string" } },
};

/** The positionals each command takes: [required, optional]. */
const POSITIONALS: Record<CommandName, [number, number]> = {
  run: [0, 0],
  status: [0, 1],
  wait: [1, 0],
  pause: [1, 0],
  resume: [1, 0],
  cancel: [1, 0],
  export: [1, 0],
  import: [1, 0],
};

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** parseArgs's messages, shortened to the point: "unknown option '--foo'". */
function rephrase(error: unknown, command: CommandName): never {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split(/\.(?:\s|$)|\n/)[0]!;
  throw usageError(first.charAt(0).toLowerCase() + first.slice(1), command);
}

function parseSeed(raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) > MAX_RUN_SEED)
    throw usageError(`--seed must be an integer from 0 to ${MAX_RUN_SEED}, got "${raw}"`, "run");
  return Number(raw);
}

const text = (values: Values, key: string) => values[key] as string | undefined;
const list = (values: Values, key: string) => (values[key] as string[] | undefined) ?? [];
const flag = (values: Values, key: string) => values[key] === true;

function buildRun(values: Values): Command {
  const preset = text(values, "preset");
  if (preset !== undefined && !isPresetId(preset))
    throw usageError(`unknown preset "${preset}"; presets: ${PRESET_IDS.join(", ")}`, "run");
  const sets = list(values, "set");
  for (const line of sets)
    if (!line.includes("=")) throw usageError(`--set expects KEY=VALUE, got "${line}"`, "run");
  const seed = text(values, "seed");
  const name = text(values, "name");
  if (name !== undefined && name.trim() === "") throw usageError("--name must not be empty", "run");
  return {
    kind: "run",
    preset,
    configFile: text(values, "config"),
    setOverrides: parseSetOverrides(sets),
    backend: text(values, "backend") ?? "sim",
    seed: seed === undefined ? undefined : parseSeed(seed),
    name,
    tags: list(values, "tag"),
    wait: flag(values, "wait"),
  };
}

function buildExport(values: Values, run: string): Command {
  const format = text(values, "format");
  if (format === undefined) throw usageError(`--format is required: ${EXPORT_FORMATS.join(", ")}`, "export");
  if (!isExportFormat(format))
    throw usageError(`unknown format "${format}"; formats: ${EXPORT_FORMATS.join(", ")}`, "export");
  return { kind: "export", run, format, out: text(values, "out") };
}

function buildCommand(command: CommandName, values: Values, positionals: string[]): Command {
  const run = positionals[0]!;
  switch (command) {
    case "run":
      return buildRun(values);
    case "status":
      return { kind: "status", run: positionals[0] };
    case "wait":
      return { kind: "wait", run };
    case "pause":
      return { kind: "pause", run };
    case "resume":
      return { kind: "resume", run, wait: flag(values, "wait") };
    case "cancel":
      return { kind: "cancel", run, hard: flag(values, "hard") };
    case "export":
      return buildExport(values, run);
    case "import": {
      const name = text(values, "name");
      if (name !== undefined && name.trim() === "") throw usageError("--name must not be empty", "import");
      return { kind: "import", path: positionals[0]!, name };
    }
  }
}

export function parseCommand(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined || first === "-h" || first === "--help") return { kind: "help" };
  if (first === "help") {
    const topic = rest[0];
    if (topic === undefined) return { kind: "help" };
    if (!isCommandName(topic)) throw usageError(`unknown command "${topic}"`);
    return { kind: "help", topic };
  }
  if (!isCommandName(first))
    throw usageError(first.startsWith("-") ? `unknown option '${first}'` : `unknown command "${first}"`);

  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: rest, options: OPTIONS[first], allowPositionals: true, strict: true });
  } catch (error) {
    rephrase(error, first);
  }
  if (parsed.values.help === true) return { kind: "help", topic: first };
  const [required, optional] = POSITIONALS[first];
  const { positionals } = parsed;
  if (positionals.length < required)
    throw usageError(`${first === "import" ? "PATH" : "RUN"} is missing`, first);
  if (positionals.length > required + optional)
    throw usageError(`unexpected argument '${positionals[required + optional]}'`, first);
  return buildCommand(first, parsed.values, positionals);
}
