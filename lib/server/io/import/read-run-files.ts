/**
 * The run-level files: stats.json (per-step metrics, SPEC §12.3), and in the log folder config.json,
 * metrics.jsonl (§12.4, keyed by batch index: see metrics-steps.ts) and checkpoints.jsonl (§11, whose
 * `step` is already the global step). All small (one entry per step), read whole.
 */
import "server-only";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { ExperimentLocation } from "./locate-experiment";
import { placeMetricsLines, stepsWithoutLine } from "./metrics-steps";
import { parseWith, readAllJsonl, readJsonFile } from "./read-files";
import type { ProblemList } from "./problems";
import {
  checkpointLineSchema,
  configFileSchema,
  metricsLineSchema,
  statsEntrySchema,
  statsFileSchema,
  type CheckpointLine,
  type MetricsLine,
  type StatsEntry,
} from "./schemas";

export interface RunFiles {
  config: Record<string, unknown> | null;
  stats: Map<number, StatsEntry>;
  /** Global step → its metrics.jsonl line. */
  metrics: Map<number, MetricsLine>;
  checkpoints: Map<number, CheckpointLine[]>;
  /** Steps with a folder holding rollouts (a step_N folder with only a pool is the pool after N−1). */
  stepFolders: Set<number>;
}

async function readStats(dir: string, problems: ProblemList): Promise<Map<number, StatsEntry>> {
  const path = join(dir, "stats.json");
  const file = await readJsonFile(path, statsFileSchema, problems);
  const stats = new Map<number, StatsEntry>();
  for (const [key, raw] of Object.entries(file ?? {})) {
    const step = /^step_(\d+)$/.exec(key)?.[1];
    if (step === undefined) continue;
    const parsed = parseWith(statsEntrySchema, raw);
    if (parsed.ok) stats.set(Number(step), parsed.value);
    else problems.add(path, `${key}: ${parsed.reason}`);
  }
  return stats;
}

async function readStepFolders(dir: string): Promise<Set<number>> {
  const found = new Set<number>();
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const step = /^step_(\d+)$/.exec(entry.name)?.[1];
    if (!entry.isDirectory() || step === undefined) continue;
    const names = await readdir(join(dir, entry.name)).catch(() => [] as string[]);
    if (names.some((n) => n === "test_rollout.jsonl" || n.startsWith("sampled_program_")))
      found.add(Number(step));
  }
  return found;
}

export async function readRunFiles(location: ExperimentLocation, problems: ProblemList): Promise<RunFiles> {
  const { experimentDir, logDir } = location;
  const stats = await readStats(experimentDir, problems);
  const stepFolders = await readStepFolders(experimentDir);
  const metrics = new Map<number, MetricsLine>();
  const checkpoints = new Map<number, CheckpointLine[]>();
  let config: Record<string, unknown> | null = null;
  if (logDir === null) {
    problems.add(
      experimentDir,
      "no log folder (tinker-examples/<experiment>/): config, logged metrics and checkpoints unknown; charts show stats.json's rollout/ and testing/ values",
    );
  } else {
    config = await readJsonFile(join(logDir, "config.json"), configFileSchema, problems);
    // Lines carry the batch index, not the global step: placeMetricsLines maps them (and keeps the last
    // line of a step a resumed run logged again, as the stats file's entry does).
    const metricsPath = join(logDir, "metrics.jsonl");
    const placed = placeMetricsLines(await readAllJsonl(metricsPath, metricsLineSchema, problems), stats);
    for (const [step, line] of placed.byStep) metrics.set(step, line);
    for (const { line, reason } of placed.skipped) problems.add(metricsPath, `valid line ${line}: ${reason}`);
    // The importer charts these steps from stats.json (statsAsLoggedLine); the report says so.
    const unlogged = stepsWithoutLine(stats, metrics);
    if (unlogged.length > 0)
      problems.add(
        metricsPath,
        `no line for step${unlogged.length > 1 ? "s" : ""} ${unlogged.join(", ")}: charted from stats.json's rollout/ and testing/ values (time/total, optim/lr and progress/ not recorded)`,
      );
    const lines = await readAllJsonl(join(logDir, "checkpoints.jsonl"), checkpointLineSchema, problems, {
      optional: true,
    });
    for (const line of lines) checkpoints.set(line.step, [...(checkpoints.get(line.step) ?? []), line]);
  }
  return { config, stats, metrics, checkpoints, stepFolders };
}
