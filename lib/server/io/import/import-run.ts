/**
 * Imports an experiment folder written by the reference script as a run with source `imported`.
 * The run is found again by (project, import key = "<domain>/<experiment>"), so importing the same
 * folder later adds only the steps not stored yet; each step is its own transaction. Server-side (the CLI
 * and server code call it), without "server-only", which throws outside the React server bundle.
 */
import "server-only";
import type pg from "pg";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { writeAudit } from "@/lib/server/auth/audit/audit";
import { ensureDefaultProject } from "@/lib/server/runs/create-run";
import { locateExperiment, type ExperimentLocation, type LocateOptions } from "./locate-experiment";
import { mapReferenceConfig, type MappedConfig } from "./map-config";
import { statsAsLoggedLine } from "./metrics-steps";
import { ProblemList, type ImportProblem } from "./problems";
import { readRunFiles } from "./read-run-files";
import { readStep } from "./read-step";
import { applyTrainAdvantages } from "./train-advantages";
import { writeImportedStep } from "./write-step";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { archiveFormat } from "@/lib/domain/archive-format";
import { extractTarGz } from "./extract-tar-gz";
import { extractZip } from "./extract-zip";
import { fileExists } from "./read-files";

export interface ImportRunInput {
  path: string;
  /** Default: the default project. */
  projectId?: string;
  /** Used when the run is created; a re-import keeps the run's name. */
  name?: string;
  /** Who imported, for the audit log; null or absent: the system (the CLI). */
  actorId?: string | null;
}

export interface ImportRunResult {
  runId: string;
  created: boolean;
  stepsAdded: number;
  stepsAlreadyStored: number;
  counts: { steps: number; programs: number; rollouts: number; evolutionEvents: number; checkpoints: number };
  /** config.json keys our engine config does not hold (unknown, or a value it refuses), kept on the run. */
  configAside: Pick<MappedConfig, "unknownKeys" | "invalidKeys">;
  problems: ImportProblem[];
}

export interface ImportDeps {
  prisma: PrismaClient;
  pool: pg.Pool;
}

const shownPath = (location: ExperimentLocation, path: string, fromArchive: boolean) =>
  fromArchive ? `(archive)/${relative(location.root, path)}`.replace(/\/$/, "") : path;

async function findOrCreateRun(
  deps: ImportDeps,
  projectId: string,
  location: ExperimentLocation,
  mapped: MappedConfig,
  name: string | undefined,
  fromArchive: boolean,
  configKeys: string[],
  actorId: string | null,
): Promise<{ id: string; created: boolean }> {
  const importKey = `${location.domain}/${location.experimentName}`;
  const existing = await deps.prisma.run.findUnique({
    where: { projectId_importKey: { projectId, importKey } },
    select: { id: true },
  });
  if (existing) return { id: existing.id, created: false };
  // The run and its audit entry commit together: the log names every imported run, and only those.
  return deps.prisma.$transaction(async (tx) => {
    const run = await tx.run.create({
      data: {
        projectId,
        importKey,
        name: name ?? location.experimentName,
        source: "imported",
        status: "completed",
        trainMode: mapped.config.train_mode,
        config: mapped.config,
        seed: mapped.config.seed,
        tags: ["imported"],
        finishedAt: new Date(),
        // No engine state to resume from: what the import knows about its source, shown with the run.
        engineState: {
          imported: {
            // An archive unpacks into a server temporary folder: its paths are kept relative to the archive.
            experimentDir: shownPath(location, location.experimentDir, fromArchive),
            logDir: location.logDir === null ? null : shownPath(location, location.logDir, fromArchive),
            // The config holds our defaults where config.json said nothing: these keys were recorded.
            configKeys,
            unknownConfigKeys: mapped.unknownKeys,
            invalidConfigKeys: mapped.invalidKeys,
          },
        } as never,
      },
      select: { id: true, name: true },
    });
    await writeAudit(tx, {
      projectId,
      actorId,
      action: "run.imported",
      targetType: "run",
      targetId: run.id,
      details: { name: run.name, importKey },
    });
    return { id: run.id, created: true };
  });
}

async function countRows(pool: pg.Pool, runId: string): Promise<ImportRunResult["counts"]> {
  const { rows } = await pool.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM steps WHERE run_id = $1) AS steps,
            (SELECT count(*)::int FROM programs WHERE run_id = $1) AS programs,
            (SELECT count(*)::int FROM rollouts WHERE run_id = $1) AS rollouts,
            (SELECT count(*)::int FROM evolution_events WHERE run_id = $1) AS "evolutionEvents",
            (SELECT count(*)::int FROM checkpoints WHERE run_id = $1) AS checkpoints`,
    [runId],
  );
  return rows[0] as ImportRunResult["counts"];
}

/** The latest import's outcome, kept with the run so the dashboard can show what was skipped. */
async function recordImport(pool: pg.Pool, runId: string, outcome: Record<string, unknown>): Promise<void> {
  await pool.query(
    `UPDATE runs SET engine_state = jsonb_set(COALESCE(engine_state, '{}'), '{imported,lastImport}', $2::jsonb, true)
     WHERE id = $1`,
    [runId, JSON.stringify(outcome)],
  );
}

async function storedSteps(pool: pg.Pool, runId: string): Promise<Set<number>> {
  const { rows } = await pool.query<{ step: number }>("SELECT step FROM steps WHERE run_id = $1", [runId]);
  return new Set(rows.map((r) => r.step));
}

/**
 * Throws a bad request when the path is not an experiment folder (or a .tar.gz / .zip of one whose entries
 * pass the checks of lib/server/io/import/extract-tar-gz.ts / extract-zip.ts); every other problem is listed.
 */
export async function importRun(deps: ImportDeps, input: ImportRunInput): Promise<ImportRunResult> {
  const format = archiveFormat(input.path);
  if (!format || !(await fileExists(input.path))) return importFolder(deps, input);
  const dir = await mkdtemp(join(tmpdir(), "espl-import-"));
  try {
    await (format === "zip" ? extractZip : extractTarGz)(input.path, dir);
    // The archive's own name stands in for an experiment folder archived without its folder.
    const name = basename(input.path).replace(/\.(tar\.gz|tgz|zip)$/i, "") || "imported";
    return await importFolder(deps, { ...input, path: dir }, { label: "the archive", archive: { name } });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function importFolder(
  deps: ImportDeps,
  input: ImportRunInput,
  options: LocateOptions = {},
): Promise<ImportRunResult> {
  const location = await locateExperiment(input.path, options);
  const problems = new ProblemList(location.root);
  const files = await readRunFiles(location, problems);
  const mapped = mapReferenceConfig(files.config);
  const projectId = input.projectId ?? (await ensureDefaultProject(deps.prisma)).id;
  const run = await findOrCreateRun(
    deps,
    projectId,
    location,
    mapped,
    input.name,
    !!options.archive,
    Object.keys(files.config ?? {}),
    input.actorId ?? null,
  );
  const stored = await storedSteps(deps.pool, run.id);

  const steps = [...new Set([...files.stats.keys(), ...files.stepFolders])].sort((a, b) => a - b);
  let stepsAdded = 0;
  let stepsAlreadyStored = 0;
  for (const step of steps) {
    if (stored.has(step)) {
      stepsAlreadyStored++;
      continue;
    }
    const dir = join(location.experimentDir, `step_${step}`);
    if (!files.stepFolders.has(step)) {
      problems.add(dir, "step folder is missing (listed in stats.json); step not imported");
      continue;
    }
    const stats = files.stats.get(step) ?? null;
    if (stats === null) problems.add(join(location.experimentDir, "stats.json"), `no entry for step_${step}`);
    const data = await readStep({
      experimentDir: location.experimentDir,
      step,
      groupSize: mapped.config.group_size,
      testGroupSize: mapped.config.test_group_size,
      testProgramId: stats?.test_time_program_id ?? null,
      problems,
    });
    applyTrainAdvantages(data.rollouts, mapped.config);
    // A step without a metrics.jsonl line is charted from its stats.json entry (reported by readRunFiles).
    const line = files.metrics.get(step) ?? null;
    const outcome = await writeImportedStep(deps.pool, {
      runId: run.id,
      data,
      stats,
      logged: line ?? (stats && statsAsLoggedLine(stats)),
      loggedFrom: line ? "metrics.jsonl" : stats ? "stats.json" : null,
      checkpoints: files.checkpoints.get(step) ?? [],
      note: (reason) => problems.add(dir, reason),
    });
    if (outcome === "written") stepsAdded++;
    else stepsAlreadyStored++;
  }
  await recordImport(deps.pool, run.id, {
    at: new Date().toISOString(),
    stepsAdded,
    problems: problems.items,
  });
  // A re-import that added steps is logged too (the first import's entry was written with the run).
  if (!run.created && stepsAdded > 0)
    await writeAudit(deps.prisma, {
      projectId,
      actorId: input.actorId ?? null,
      action: "run.imported",
      targetType: "run",
      targetId: run.id,
      details: { stepsAdded, reimport: true },
    });
  return {
    runId: run.id,
    created: run.created,
    stepsAdded,
    stepsAlreadyStored,
    counts: await countRows(deps.pool, run.id),
    problems: problems.items,
    configAside: { unknownKeys: mapped.unknownKeys, invalidKeys: mapped.invalidKeys },
  };
}
