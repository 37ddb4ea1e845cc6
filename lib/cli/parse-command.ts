/**
 * The command line, parsed with node:util parseArgs into one typed command. Pure (no I/O): everything
 * that can be checked without the database is checked here, so mistakes fail fast with exit 2.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { EXPORT_FORMATS, isExportFormat, type ExportFormat } from "@/lib/domain/export-formats";
import {
  EVALUATION_EXPORT_FORMATS,
  evaluationExportQuerySchema,
  type EvaluationExportFormat,
} from "@/lib/domain/evaluations/evaluation-export";
import { MAX_RUN_SEED } from "@/lib/domain/runs/run-seed";
import { isPresetId, PRESET_IDS, type PresetId } from "@/lib/domain/runs/presets";
import { GROUP_FORMATS, isGroupFormat, type GroupFormat } from "@/lib/domain/experiments/group-format";
import { DEFAULT_REPRODUCE_SEEDS } from "@/lib/domain/experiments/reproduce-template";
import { usageError } from "./cli-error";
import { buildEval, EVAL_OPTIONS, type EvalCommand } from "./eval-options";
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
  /** Experiment launch (with --name as the experiment's name): "1-5,8", and "key=v1,v2" lines. */
  seeds?: string;
  sweep?: string[];
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
  | {
      kind: "export-evaluation";
      run: string;
      evaluation: string;
      format: EvaluationExportFormat;
      out?: string;
    }
  | { kind: "import"; path: string; name?: string }
  | { kind: "backend-check"; name: string }
  | { kind: "group"; name: string; format: GroupFormat; by?: string }
  | { kind: "group-control"; name: string; action: GroupControl }
  | ({ kind: "reproduce" } & ReproduceOptions)
  | EvalCommand;

export type GroupControl = "pause" | "resume" | "cancel";
const GROUP_CONTROLS: readonly GroupControl[] = ["pause", "resume", "cancel"];

export interface ReproduceOptions {
  backend: string;
  /** A dataset's name in the default project; absent: the built-in simulator suite. */
  dataset?: string;
  seeds: string;
  name?: string;
  setOverrides: Record<string, unknown>;
  wait: boolean;
  /** The results table printed once every run has ended (with --wait). */
  format: GroupFormat;
}

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
    seeds: { type: "string" },
    sweep: { type: "string", multiple: true },
  },
  status: HELP,
  wait: HELP,
  pause: HELP,
  resume: { ...HELP, wait: { type: "boolean" } },
  cancel: { ...HELP, hard: { type: "boolean" } },
  export: {
    ...HELP,
    format: { type: "string", short: "f" },
    out: { type: "string", short: "o" },
    evaluation: { type: "string" },
  },
  import: { ...HELP, name: { type: "string" } },
  backend: HELP,
  group: {
    ...HELP,
    format: { type: "string", short: "f" },
    by: { type: "string" },
    pause: { type: "boolean" },
    resume: { type: "boolean" },
    cancel: { type: "boolean" },
  },
  eval: EVAL_OPTIONS,
  reproduce: {
    ...HELP,
    backend: { type: "string" },
    dataset: { type: "string" },
    seeds: { type: "string" },
    name: { type: "string" },
    set: { type: "string", multiple: true },
    wait: { type: "boolean" },
    format: { type: "string", short: "f" },
  },
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
  backend: [2, 0],
  group: [1, 0],
  eval: [1, 0],
  reproduce: [0, 0],
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
  const seeds = text(values, "seeds");
  const sweep = values.sweep === undefined ? undefined : list(values, "sweep");
  if ((seeds !== undefined || sweep !== undefined) && name === undefined)
    throw usageError("--seeds and --sweep launch an experiment: name it with --name", "run");
  if (seeds !== undefined && seed !== undefined) throw usageError("give --seed or --seeds, not both", "run");
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
    ...(seeds === undefined ? {} : { seeds }),
    ...(sweep === undefined ? {} : { sweep }),
  };
}

function readGroupFormat(values: Values, command: "group" | "reproduce"): GroupFormat {
  const format = text(values, "format") ?? "md";
  if (!isGroupFormat(format))
    throw usageError(`unknown format "${format}"; formats: ${GROUP_FORMATS.join(", ")}`, command);
  return format;
}

function buildGroup(values: Values, name: string): Command {
  const controls = GROUP_CONTROLS.filter((action) => flag(values, action));
  if (controls.length > 1)
    throw usageError(`give one of --pause, --resume and --cancel, not ${controls.length}`, "group");
  if (controls.length === 1) {
    if (values.format !== undefined || values.by !== undefined)
      throw usageError(`--${controls[0]} prints no table: drop --format and --by`, "group");
    return { kind: "group-control", name, action: controls[0]! };
  }
  const format = readGroupFormat(values, "group");
  const by = text(values, "by");
  return { kind: "group", name, format, ...(by === undefined ? {} : { by }) };
}

function buildReproduce(values: Values): Command {
  const sets = list(values, "set");
  for (const line of sets)
    if (!line.includes("=")) throw usageError(`--set expects KEY=VALUE, got "${line}"`, "reproduce");
  const name = text(values, "name");
  if (name !== undefined && name.trim() === "") throw usageError("--name must not be empty", "reproduce");
  const dataset = text(values, "dataset");
  return {
    kind: "reproduce",
    backend: text(values, "backend") ?? "sim",
    ...(dataset === undefined ? {} : { dataset }),
    seeds: text(values, "seeds") ?? DEFAULT_REPRODUCE_SEEDS,
    ...(name === undefined ? {} : { name }),
    setOverrides: parseSetOverrides(sets),
    wait: flag(values, "wait"),
    format: readGroupFormat(values, "reproduce"),
  };
}

function buildExport(values: Values, run: string): Command {
  const format = text(values, "format");
  const evaluation = text(values, "evaluation");
  if (evaluation !== undefined) {
    if (evaluation.trim() === "") throw usageError("--evaluation must not be empty", "export");
    // The route's own query schema, so the CLI accepts exactly the formats the download links offer.
    const query = evaluationExportQuerySchema.safeParse({ format });
    if (!query.success)
      throw usageError(
        format === undefined
          ? `--format is required: ${EVALUATION_EXPORT_FORMATS.join(", ")}`
          : `unknown evaluation format "${format}"; formats: ${EVALUATION_EXPORT_FORMATS.join(", ")}`,
        "export",
      );
    return {
      kind: "export-evaluation",
      run,
      evaluation: evaluation.trim(),
      format: query.data.format,
      out: text(values, "out"),
    };
  }
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
    case "backend":
      if (positionals[0] !== "check")
        throw usageError(`unknown backend action "${positionals[0]}"; the one action is "check"`, "backend");
      return { kind: "backend-check", name: positionals[1]! };
    case "group":
      return buildGroup(values, positionals[0]!);
    case "eval":
      return buildEval(values, run);
    case "reproduce":
      return buildReproduce(values);
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
    throw usageError(
      `${first === "import" ? "PATH" : first === "backend" ? "check NAME" : first === "group" ? "NAME" : "RUN"} is missing`,
      first,
    );
  if (positionals.length > required + optional)
    throw usageError(`unexpected argument '${positionals[required + optional]}'`, first);
  return buildCommand(first, parsed.values, positionals);
}
