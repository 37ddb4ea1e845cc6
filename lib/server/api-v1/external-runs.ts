import "server-only";
/**
 * Live logging from outside: a script creates an "external" run, appends its steps one at a time and
 * finishes it. The run is an imported run (source `imported`, read-only to the controls) that is `running`
 * while steps arrive; no queue job exists for it and the runner leaves imported runs alone. Each step is
 * written by the importer's step writer (writeImportedStep), so the rows, and every figure the dashboard
 * derives from them, are those a direct import of the same folder gives; a resent step changes nothing.
 * The run row is updated by every step, so the runs trigger wakes the run's live views.
 */
import type pg from "pg";
import { z } from "zod";
import { badRequest, conflict, notFound } from "@/lib/domain/errors";
import type {
  ExternalRunCreated,
  ExternalStepOutcome,
  externalRunCreateSchema,
  externalRunFinishSchema,
  externalStepSchema,
} from "@/lib/domain/api-v1/external-run-schemas";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { EsplConfig } from "@/lib/espl/config";
import { writeAudit } from "@/lib/server/auth/audit/audit";
import { scopedRunWhere, type ReadScope } from "@/lib/server/auth/scope";
import { mapReferenceConfig } from "@/lib/server/io/import/map-config";
import { statsAsLoggedLine } from "@/lib/server/io/import/metrics-steps";
import { applyTrainAdvantages } from "@/lib/server/io/import/train-advantages";
import { writeImportedStep } from "@/lib/server/io/import/write-step";

export interface ExternalDeps {
  prisma: PrismaClient;
  pool: pg.Pool;
}

export async function createExternalRun(
  prisma: PrismaClient,
  input: z.output<typeof externalRunCreateSchema>,
  actorId: string,
): Promise<ExternalRunCreated> {
  const mapped = mapReferenceConfig(input.config);
  return prisma.$transaction(async (tx) => {
    const run = await tx.run.create({
      data: {
        projectId: input.projectId,
        createdById: actorId,
        name: input.name,
        source: "imported",
        status: "running",
        trainMode: mapped.config.train_mode,
        config: mapped.config,
        seed: mapped.config.seed,
        tags: ["imported", "external"],
        totalSteps: input.totalSteps,
        startedAt: new Date(),
        engineState: {
          imported: {
            external: true,
            configKeys: Object.keys(input.config),
            unknownConfigKeys: mapped.unknownKeys,
            invalidConfigKeys: mapped.invalidKeys,
          },
        } as never,
      },
      select: { id: true, name: true, totalSteps: true, status: true },
    });
    await writeAudit(tx, {
      projectId: input.projectId,
      actorId,
      action: "run.imported",
      targetType: "run",
      targetId: run.id,
      details: { name: run.name, external: true },
    });
    return {
      ...run,
      unknownConfigKeys: Object.keys(mapped.unknownKeys),
      invalidConfigKeys: Object.keys(mapped.invalidKeys),
    };
  });
}

const isExternal = (engineState: unknown) =>
  (engineState as { imported?: { external?: unknown } } | null)?.imported?.external === true;

/** The caller's external run, or why it cannot take steps. */
async function findExternalRun(prisma: PrismaClient, scope: ReadScope, runId: string) {
  if (!z.guid().safeParse(runId).success) throw notFound("run");
  const run = await prisma.run.findFirst({
    where: scopedRunWhere(scope, runId),
    select: { id: true, source: true, status: true, config: true, engineState: true, totalSteps: true },
  });
  if (!run) throw notFound("run");
  if (run.source !== "imported" || !isExternal(run.engineState))
    throw conflict("this run was not created for logging from outside");
  return run;
}

export async function appendExternalStep(
  deps: ExternalDeps,
  scope: ReadScope,
  runId: string,
  input: z.output<typeof externalStepSchema>,
): Promise<ExternalStepOutcome> {
  const run = await findExternalRun(deps.prisma, scope, runId);
  if (run.status !== "running") throw conflict(`this run is ${run.status}: it takes no more steps`);
  if (input.step >= run.totalSteps)
    throw badRequest(`step ${input.step} is past the run's ${run.totalSteps} steps`, {
      step: [`at most ${run.totalSteps - 1}`],
    });
  const rollouts = input.rollouts.map((r) => ({ ...r, advantage: null, trained: false }));
  // As the importer: advantages are not sent, they are recomputed from the rewards (SPEC §10.3).
  applyTrainAdvantages(rollouts, run.config as unknown as EsplConfig);
  const notes: string[] = [];
  const outcome = await writeImportedStep(deps.pool, {
    runId: run.id,
    data: {
      step: input.step,
      selectedProgramIds: input.selectedProgramIds,
      poolBefore: input.poolBefore,
      poolAfter: input.poolAfter,
      rollouts,
      events: input.events,
    },
    stats: input.stats,
    // A step without a metrics line is charted from its stats entry, as an import charts it.
    logged: input.metrics ?? (input.stats && statsAsLoggedLine(input.stats)),
    loggedFrom: input.metrics ? "metrics.jsonl" : input.stats ? "stats.json" : null,
    checkpoints: input.checkpoints,
    note: (reason) => notes.push(reason),
  });
  return { step: input.step, outcome, notes };
}

export async function finishExternalRun(
  prisma: PrismaClient,
  scope: ReadScope,
  runId: string,
  input: z.output<typeof externalRunFinishSchema>,
): Promise<{ id: string; status: string }> {
  const run = await findExternalRun(prisma, scope, runId);
  // Finishing twice the same way is a retry, not a conflict.
  if (run.status === input.status) return { id: run.id, status: run.status };
  if (run.status !== "running") throw conflict(`this run is already ${run.status}`);
  const { count } = await prisma.run.updateMany({
    where: { id: run.id, status: "running" },
    data: {
      status: input.status,
      finishedAt: new Date(),
      error: input.status === "failed" ? (input.error ?? "failed outside the studio") : null,
    },
  });
  if (count === 0) throw conflict("this run was finished meanwhile");
  return { id: run.id, status: input.status };
}
