/**
 * Launching a run: the input is checked, the config is merged (defaults ← preset ← the caller's keys) and
 * validated by the one engine schema, the run row is written as queued and put on the queue. The CLI uses
 * this now and the dashboard's launch action will, so both refuse the same inputs with the same messages.
 */
import "server-only";
import { randomInt } from "node:crypto";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { plainText } from "@/lib/domain/text/control-chars";
import { writeAudit } from "@/lib/server/auth/audit/audit";
import { getDefaultConfig, validateConfig, type EsplConfig } from "@/lib/espl/config";
import { badRequest } from "@/lib/domain/errors";
import type { Prisma, PrismaClient, Run } from "@/lib/generated/prisma/client";
import { ensureBuiltinDataset } from "@/lib/server/runner/run-problems";
import { ensureDatasetVersion } from "@/lib/server/io/datasets/dataset-version";
import { checkDatasetFit, clampDatasetSize } from "@/lib/domain/launch/dataset-fit";
import { enqueueRun } from "./controls";
import { countRunSteps } from "@/lib/domain/runs/count-run-steps";
import { getPresetConfig, PRESET_IDS } from "@/lib/domain/runs/presets";
import { checkResourceLimits, parseResourceLimits } from "@/lib/domain/runs/resource-limits";
import { MAX_RUN_SEED } from "@/lib/domain/runs/run-seed";

export { MAX_RUN_SEED };

export const createRunInputSchema = z.object({
  projectId: z.uuid(),
  name: plainText("the name").trim().min(1).max(200).optional(),
  /** Config keys below the caller's own; default: the engine defaults alone. */
  preset: z.enum(PRESET_IDS).optional(),
  /** Any subset of the engine's config keys; validated after merging, so errors name the key. */
  config: z.record(z.string(), z.unknown()).default({}),
  /** Wins over config.seed; without either the run gets a random seed, recorded so it can be replayed. */
  seed: z.int().nonnegative().max(MAX_RUN_SEED).optional(),
  tags: z.array(plainText("a tag").trim().min(1).max(64)).max(32).default([]),
  /** The root program's principles at the start, in order; default none, as in the reference. */
  initialPrinciples: z.array(plainText("a principle").trim().min(1).max(2000)).max(50).default([]),
  createdById: z.uuid().optional(),
  /** Without one, the run uses the project's built-in simulator suite. */
  datasetId: z.uuid().optional(),
  /** Without one, the run executes on the simulator. */
  policyBackendId: z.uuid().optional(),
  /** Without one, the policy backend also serves the reflection calls. */
  reflectionBackendId: z.uuid().optional(),
});

export type CreateRunInput = z.input<typeof createRunInputSchema>;

export interface CreateRunDeps {
  /** Default: the process's shared pg-boss (see lib/server/runs/controls.ts). */
  boss?: PgBoss;
}

function failInput(issues: readonly z.core.$ZodIssue[]): never {
  const fields: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "(input)";
    (fields[key] ??= []).push(issue.message);
  }
  const summary = Object.entries(fields)
    .map(([key, messages]) => `${key}: ${messages.join(", ")}`)
    .join("; ");
  throw badRequest(`invalid run: ${summary}`, fields);
}

/** Defaults ← preset ← the caller's keys, validated; every problem names its key. */
export function resolveRunConfig(input: {
  preset?: (typeof PRESET_IDS)[number];
  config?: Record<string, unknown>;
}): EsplConfig {
  const base = input.preset ? getPresetConfig(input.preset) : getDefaultConfig();
  const result = validateConfig({ ...base, ...input.config });
  if (result.ok) return result.config;
  const fields: Record<string, string[]> = {};
  for (const error of result.errors) (fields[`config.${error.key}`] ??= []).push(error.message);
  throw badRequest(`invalid config: ${result.errors.map((e) => e.message).join("; ")}`, fields);
}

function chooseSeed(seed: number | undefined, config: Record<string, unknown>, merged: EsplConfig): number {
  const chosen = seed ?? (Object.hasOwn(config, "seed") ? merged.seed : randomInt(0, MAX_RUN_SEED));
  if (chosen > MAX_RUN_SEED)
    throw badRequest(`invalid config: seed: must be at most ${MAX_RUN_SEED}`, {
      "config.seed": [`must be at most ${MAX_RUN_SEED}`],
    });
  return chosen;
}

interface RunDataset {
  id: string;
  name: string;
  trainCount: number;
  testCount: number;
}

/**
 * The run's dataset: the one named, or the project's built-in simulator suite (created here on first use
 * rather than by the worker, so every run records the dataset it trains on from the start).
 */
async function findRunDataset(
  prisma: PrismaClient,
  projectId: string,
  datasetId: string | undefined,
): Promise<RunDataset> {
  const select = { id: true, name: true, trainCount: true, testCount: true } as const;
  const id = datasetId ?? (await ensureBuiltinDataset(prisma, projectId));
  const dataset = await prisma.dataset.findFirst({ where: { id, projectId }, select });
  if (!dataset)
    throw badRequest("invalid run: datasetId: no such dataset in this project", {
      datasetId: ["no such dataset in this project"],
    });
  return dataset;
}

/**
 * Refuses a dataset without a test split, and a dataset_size the caller asked for that the training split
 * cannot give; a dataset_size that came from the defaults or a preset is brought within the data instead,
 * so the stored config says how many problems the run really uses.
 */
function fitDataset(
  config: EsplConfig,
  callerConfig: Record<string, unknown>,
  dataset: RunDataset,
): EsplConfig {
  const explicit = Object.hasOwn(callerConfig, "dataset_size");
  const fitted = explicit
    ? config
    : { ...config, dataset_size: clampDatasetSize(config.dataset_size, dataset.trainCount) };
  const problems = checkDatasetFit(fitted.dataset_size, dataset);
  const keys = Object.keys(problems);
  if (keys.length === 0) return fitted;
  const summary = keys.map((key) => `${key}: ${problems[key]!.join(", ")}`).join("; ");
  throw badRequest(`invalid run: ${summary}`, problems);
}

/** Refuses a run past the operator's resource limits, naming the key to change and the limit. */
function checkResources(config: EsplConfig, measured: { totalSteps: number; testProblems: number }) {
  const problems = checkResourceLimits({ config, ...measured }, parseResourceLimits(process.env));
  const keys = Object.keys(problems);
  if (keys.length === 0) return;
  const fields = Object.fromEntries(keys.map((key) => [`config.${key}`, problems[key]!]));
  const summary = keys.map((key) => `${key}: ${problems[key]!.join(", ")}`).join("; ");
  throw badRequest(`invalid config: ${summary}`, fields);
}

async function checkReferences(prisma: PrismaClient, input: z.output<typeof createRunInputSchema>) {
  const project = await prisma.project.findUnique({ where: { id: input.projectId }, select: { id: true } });
  if (!project) throw badRequest("invalid run: projectId: no such project", { projectId: ["not found"] });
  for (const field of ["policyBackendId", "reflectionBackendId"] as const) {
    const id = input[field];
    if (!id) continue;
    const backend = await prisma.modelBackend.findFirst({
      where: { id, projectId: input.projectId },
      select: { id: true },
    });
    if (!backend)
      throw badRequest(`invalid run: ${field}: no such model backend in this project`, {
        [field]: ["not found"],
      });
  }
}

/** A run checked and resolved (config, seed, dataset, steps), ready to be written. */
export type PreparedRun = Prisma.RunUncheckedCreateInput;

/** Everything createRun checks before writing, without writing: experiments prepare many, then write once. */
export async function prepareRun(prisma: PrismaClient, rawInput: CreateRunInput): Promise<PreparedRun> {
  const parsed = createRunInputSchema.safeParse(rawInput);
  if (!parsed.success) failInput(parsed.error.issues);
  const input = parsed.data;
  const merged = resolveRunConfig(input);
  const seed = chooseSeed(input.seed, input.config, merged);
  const seeded: EsplConfig = { ...merged, seed };
  await checkReferences(prisma, input);
  const dataset = await findRunDataset(prisma, input.projectId, input.datasetId);
  const config = fitDataset(seeded, input.config, dataset);
  const totalSteps = countRunSteps(config, dataset.trainCount);
  checkResources(config, { totalSteps, testProblems: dataset.testCount });
  const datasetVersion = await ensureDatasetVersion(prisma, dataset.id);
  return {
    projectId: input.projectId,
    name: input.name ?? `${input.preset ?? config.train_mode} · seed ${seed}`,
    status: "queued",
    trainMode: config.train_mode,
    config,
    seed,
    tags: [...new Set(input.tags)],
    initialPrinciples: input.initialPrinciples,
    createdById: input.createdById ?? null,
    datasetId: dataset.id,
    datasetName: dataset.name,
    datasetVersion,
    policyBackendId: input.policyBackendId ?? null,
    reflectionBackendId: input.reflectionBackendId ?? null,
    totalSteps,
  };
}

/** Writes a prepared run as queued, audited in the caller's transaction (a null actor: the CLI). */
export async function insertPreparedRun(tx: Prisma.TransactionClient, data: PreparedRun): Promise<Run> {
  const created = await tx.run.create({ data });
  await writeAudit(tx, {
    projectId: created.projectId,
    actorId: created.createdById,
    action: "run.launched",
    targetType: "run",
    targetId: created.id,
    details: { name: created.name },
  });
  return created;
}

/** Creates the run as queued and enqueues it; returns the stored row. */
export async function createRun(
  prisma: PrismaClient,
  rawInput: CreateRunInput,
  deps: CreateRunDeps = {},
): Promise<Run> {
  const data = await prepareRun(prisma, rawInput);
  const run = await prisma.$transaction((tx) => insertPreparedRun(tx, data));
  await enqueueRun(run.id, { prisma, boss: deps.boss });
  return run;
}

export const DEFAULT_PROJECT_SLUG = "default";

/** The project the CLI launches into; created on first use. */
export async function ensureDefaultProject(prisma: PrismaClient): Promise<{ id: string; slug: string }> {
  const select = { id: true, slug: true } as const;
  try {
    return await prisma.project.upsert({
      where: { slug: DEFAULT_PROJECT_SLUG },
      update: {},
      create: { slug: DEFAULT_PROJECT_SLUG, name: "Default" },
      select,
    });
  } catch (error) {
    // Two first launches at once: the loser of the unique slug reads the winner's row.
    const existing = await prisma.project.findUnique({ where: { slug: DEFAULT_PROJECT_SLUG }, select });
    if (existing) return existing;
    throw error;
  }
}
