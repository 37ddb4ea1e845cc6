/**
 * Launching a run: the input is checked, the config is merged (defaults ← preset ← the caller's keys) and
 * validated by the one engine schema, the run row is written as queued and put on the queue. The CLI uses
 * this now and the dashboard's launch action will, so both refuse the same inputs with the same messages.
 */
import { randomInt } from "node:crypto";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { writeAudit } from "@/lib/audit/audit";
import { getDefaultConfig, validateConfig, type EsplConfig } from "@/lib/espl/config";
import { DEFAULT_TRAIN_SIZE } from "@/lib/espl/simulator";
import { badRequest } from "@/lib/errors";
import type { PrismaClient, Run } from "@/lib/generated/prisma/client";
import { BUILTIN_SUITE_NAME } from "@/lib/runner/run-problems";
import { enqueueRun } from "./controls";
import { countRunSteps } from "./count-run-steps";
import { getPresetConfig, PRESET_IDS } from "./presets";
import { MAX_RUN_SEED } from "./run-seed";

export { MAX_RUN_SEED };

export const createRunInputSchema = z.object({
  projectId: z.uuid(),
  name: z.string().trim().min(1).max(200).optional(),
  /** Config keys below the caller's own; default: the engine defaults alone. */
  preset: z.enum(PRESET_IDS).optional(),
  /** Any subset of the engine's config keys; validated after merging, so errors name the key. */
  config: z.record(z.string(), z.unknown()).default({}),
  /** Wins over config.seed; without either the run gets a random seed, recorded so it can be replayed. */
  seed: z.int().nonnegative().max(MAX_RUN_SEED).optional(),
  tags: z.array(z.string().trim().min(1).max(64)).max(32).default([]),
  /** The root program's principles at the start, in order; default none, as in the reference. */
  initialPrinciples: z.array(z.string().trim().min(1).max(2000)).max(50).default([]),
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
  /** Default: the process's shared pg-boss (see lib/runs/controls.ts). */
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

/** Steps the run will take. Without a dataset it gets the built-in suite, whose size is known before it exists. */
async function countStepsFor(
  prisma: PrismaClient,
  projectId: string,
  datasetId: string | undefined,
  config: EsplConfig,
): Promise<number> {
  const dataset = datasetId
    ? await prisma.dataset.findFirst({ where: { id: datasetId, projectId }, select: { trainCount: true } })
    : await prisma.dataset.findUnique({
        where: { projectId_name: { projectId, name: BUILTIN_SUITE_NAME } },
        select: { trainCount: true },
      });
  if (datasetId && !dataset) throw badRequest("invalid run: datasetId: no such dataset in this project");
  return countRunSteps(config, dataset?.trainCount ?? DEFAULT_TRAIN_SIZE);
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

/** Creates the run as queued and enqueues it; returns the stored row. */
export async function createRun(
  prisma: PrismaClient,
  rawInput: CreateRunInput,
  deps: CreateRunDeps = {},
): Promise<Run> {
  const parsed = createRunInputSchema.safeParse(rawInput);
  if (!parsed.success) failInput(parsed.error.issues);
  const input = parsed.data;
  const merged = resolveRunConfig(input);
  const seed = chooseSeed(input.seed, input.config, merged);
  const config: EsplConfig = { ...merged, seed };
  await checkReferences(prisma, input);
  const totalSteps = await countStepsFor(prisma, input.projectId, input.datasetId, config);

  // The launch is audited in the run's own transaction (a null actor: the CLI, acting as the system).
  const run = await prisma.$transaction(async (tx) => {
    const created = await tx.run.create({
      data: {
        projectId: input.projectId,
        name: input.name ?? `${input.preset ?? config.train_mode} · seed ${seed}`,
        status: "queued",
        trainMode: config.train_mode,
        config,
        seed,
        tags: [...new Set(input.tags)],
        initialPrinciples: input.initialPrinciples,
        createdById: input.createdById ?? null,
        datasetId: input.datasetId ?? null,
        policyBackendId: input.policyBackendId ?? null,
        reflectionBackendId: input.reflectionBackendId ?? null,
        totalSteps,
      },
    });
    await writeAudit(tx, {
      projectId: created.projectId,
      actorId: created.createdById,
      action: "run.launched",
      targetType: "run",
      targetId: created.id,
      details: { name: created.name },
    });
    return created;
  });
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
