/**
 * The launch contract of an experiment (a named group of runs): seeds as a list or ranges ("1-5,8"),
 * sweeps over any engine config key ("crossover_prob=0,0.5"), and the grid they make (the cross product
 * of every sweep's values and the seeds). Each swept value is read and checked by the engine's own config
 * schema, so a bad value is refused before anything is written, with a message naming its key.
 */
import { z } from "zod";
import { parseConfigArgs, type EsplConfigKey } from "@/lib/espl/config";
import { plainText } from "@/lib/domain/text/control-chars";
import { PRESET_IDS } from "@/lib/domain/runs/presets";
import { MAX_RUN_SEED } from "@/lib/domain/runs/run-seed";

/** The most runs one launch may create: a typo like "1-10000" should not flood the queue. */
export const MAX_EXPERIMENT_RUNS = 200;

export interface SweepAxis {
  key: EsplConfigKey;
  /** Typed values, as the engine's schema read them. */
  values: unknown[];
}

type Issue = { path: (string | number)[]; message: string };

/** "1-5,8" or "3" into [1,2,3,4,5,8]; problems are pushed to `issues`, naming the bad part. */
export function parseSeedList(text: string, issues: Issue[]): number[] {
  const seeds: number[] = [];
  for (const raw of text.split(",")) {
    const part = raw.trim();
    const match = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part);
    if (!match) {
      issues.push({ path: ["seeds"], message: `"${part}" is not a seed or a range like 1-5` });
      continue;
    }
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (to < from) {
      issues.push({ path: ["seeds"], message: `range "${part}" runs backwards` });
      continue;
    }
    if (to > MAX_RUN_SEED) {
      issues.push({ path: ["seeds"], message: `seed ${to} is past the largest seed, ${MAX_RUN_SEED}` });
      continue;
    }
    if (to - from + 1 > MAX_EXPERIMENT_RUNS) {
      issues.push({ path: ["seeds"], message: `range "${part}" has more than ${MAX_EXPERIMENT_RUNS} seeds` });
      continue;
    }
    for (let seed = from; seed <= to; seed++) seeds.push(seed);
  }
  return seeds;
}

function checkSeeds(seeds: number[], issues: Issue[]): number[] {
  const seen = new Set<number>();
  for (const seed of seeds) {
    if (seen.has(seed)) issues.push({ path: ["seeds"], message: `seed ${seed} is listed twice` });
    seen.add(seed);
  }
  return seeds;
}

/** One sweep "key=v1,v2" into its key and its raw values. */
function splitSweepLine(line: string, issues: Issue[]): { key: string; values: string[] } | null {
  const eq = line.indexOf("=");
  const key = eq < 0 ? line.trim() : line.slice(0, eq).trim();
  if (eq < 0 || key === "") {
    issues.push({ path: ["sweep"], message: `"${line}" is not KEY=V1,V2` });
    return null;
  }
  return { key, values: line.slice(eq + 1).split(",") };
}

/** Reads each value with the engine's config schema; every problem names the key (and the value). */
function readSweepAxis(key: string, raw: readonly string[], issues: Issue[]): SweepAxis | null {
  const path = ["sweep", key];
  if (key === "seed") {
    issues.push({ path, message: "seed: use seeds (a list or ranges such as 1-5) instead of a seed sweep" });
    return null;
  }
  if (raw.length === 0 || raw.some((v) => v.trim() === "")) {
    issues.push({ path, message: `${key}: every value must be non-empty` });
    return null;
  }
  const values: unknown[] = [];
  for (const value of raw) {
    const read = parseConfigArgs([`${key}=${value}`]);
    if (!read.ok) {
      for (const error of read.errors) issues.push({ path, message: error.message });
      return null;
    }
    values.push(read.config[key as EsplConfigKey]);
  }
  const distinct = new Set(values.map((v) => JSON.stringify(v)));
  if (distinct.size < values.length) {
    issues.push({ path, message: `${key}: a value is listed twice` });
    return null;
  }
  return { key: key as EsplConfigKey, values };
}

const sweepValue = z.union([z.string(), z.number(), z.null()]);

const experimentNameSchema = plainText("the experiment name")
  .trim()
  .min(1, "give the experiment a name")
  .max(200, "at most 200 characters");

export const experimentLaunchSchema = z
  .object({
    projectId: z.uuid(),
    name: experimentNameSchema,
    notes: plainText("the notes").max(20_000).default(""),
    preset: z.enum(PRESET_IDS).optional(),
    /** Config keys under every run's (the sweep's keys win over these). */
    config: z.record(z.string(), z.unknown()).default({}),
    /** "1-5,8", or a list of seeds; absent: one run per setting with a random seed. */
    seeds: z.union([z.string(), z.array(z.int().nonnegative().max(MAX_RUN_SEED))]).optional(),
    /** ["key=v1,v2", …] or {key: [v1, v2]}: the grid is the cross product of every key's values. */
    sweep: z.union([z.array(z.string()), z.record(z.string(), z.array(sweepValue))]).default([]),
    tags: z.array(plainText("a tag").trim().min(1).max(64)).max(32).default([]),
    /** Every run's root program (the launch form's initial principles); empty: the reference's empty root. */
    initialPrinciples: z.array(plainText("a principle").max(2000)).max(50).default([]),
    datasetId: z.uuid().optional(),
    policyBackendId: z.uuid().optional(),
    reflectionBackendId: z.uuid().optional(),
    createdById: z.uuid().optional(),
  })
  .transform((input, ctx) => {
    const issues: Issue[] = [];
    const seeds =
      input.seeds === undefined
        ? undefined
        : checkSeeds(
            typeof input.seeds === "string" ? parseSeedList(input.seeds, issues) : input.seeds,
            issues,
          );
    if (seeds !== undefined && seeds.length === 0 && issues.length === 0)
      issues.push({ path: ["seeds"], message: "give at least one seed" });
    const lines = Array.isArray(input.sweep)
      ? input.sweep.map((line) => splitSweepLine(line, issues))
      : Object.entries(input.sweep).map(([key, values]) => ({
          key,
          values: values.map((v) => (v === null ? "None" : String(v))),
        }));
    const axes: SweepAxis[] = [];
    const keys = new Set<string>();
    for (const line of lines) {
      if (!line) continue;
      if (keys.has(line.key)) {
        issues.push({ path: ["sweep", line.key], message: `${line.key}: swept twice` });
        continue;
      }
      keys.add(line.key);
      const axis = readSweepAxis(line.key, line.values, issues);
      if (axis) axes.push(axis);
    }
    const size = axes.reduce((n, axis) => n * axis.values.length, seeds?.length ?? 1);
    if (issues.length === 0 && size > MAX_EXPERIMENT_RUNS)
      issues.push({
        path: ["seeds"],
        message: `the grid makes ${size} runs; at most ${MAX_EXPERIMENT_RUNS} may be launched at once`,
      });
    for (const issue of issues) ctx.addIssue({ code: "custom", ...issue });
    if (issues.length > 0) return z.NEVER;
    const { sweep: _sweep, ...rest } = input;
    void _sweep;
    return { ...rest, seeds, axes };
  });

export type ExperimentLaunchInput = z.input<typeof experimentLaunchSchema>;
export type ExperimentLaunch = z.output<typeof experimentLaunchSchema>;

export interface GridCell {
  /** Undefined: a random seed is chosen at launch. */
  seed?: number;
  /** The swept keys' values of this cell. */
  settings: Record<string, unknown>;
}

/** The cross product of every axis's values and the seeds, in a stable order (settings, then seed). */
export function expandGrid(axes: readonly SweepAxis[], seeds: readonly number[] | undefined): GridCell[] {
  let cells: Record<string, unknown>[] = [{}];
  for (const axis of axes)
    cells = cells.flatMap((cell) => axis.values.map((value) => ({ ...cell, [axis.key]: value })));
  const seedList: (number | undefined)[] = seeds && seeds.length > 0 ? [...seeds] : [undefined];
  return cells.flatMap((settings) => seedList.map((seed) => ({ seed, settings })));
}

/** "crossover_prob=0.5 · seed 3": a run's name inside its experiment. */
export function nameGridRun(experiment: string, cell: GridCell): string {
  const parts = Object.entries(cell.settings).map(([key, value]) => `${key}=${String(value)}`);
  if (cell.seed !== undefined) parts.push(`seed ${cell.seed}`);
  return parts.length > 0 ? `${experiment} · ${parts.join(" · ")}` : experiment;
}

/** One message naming every bad field: "sweep.crossover_prob: must be …; seeds: …". */
export function describeLaunchIssues(issues: readonly z.core.$ZodIssue[]): {
  message: string;
  fields: Record<string, string[]>;
} {
  const fields: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "(input)";
    (fields[key] ??= []).push(issue.message);
  }
  const message = Object.entries(fields)
    .map(([key, messages]) => `${key}: ${messages.join(", ")}`)
    .join("; ");
  return { message: `invalid experiment: ${message}`, fields };
}

/** The actions a group control applies to every run of an experiment. */
export const experimentControlSchema = z.object({
  projectId: z.uuid(),
  action: z.enum(["pause", "resume", "cancel"]),
});
export type ExperimentControlInput = z.infer<typeof experimentControlSchema>;
