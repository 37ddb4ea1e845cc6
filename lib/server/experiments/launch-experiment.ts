/**
 * Launching an experiment: every run of the grid (sweep settings × seeds) is checked and resolved by
 * the same code as a lone run (prepareRun in lib/server/runs/create-run.ts), then the experiment and all
 * its runs are written in one transaction (all or nothing), then each run is put on the queue, which
 * runs them with the workers' configured concurrency.
 */
import "server-only";
import type PgBoss from "pg-boss";
import { badRequest, conflict } from "@/lib/domain/errors";
import {
  describeLaunchIssues,
  expandGrid,
  experimentLaunchSchema,
  nameGridRun,
  type ExperimentLaunchInput,
} from "@/lib/domain/experiments/launch-spec";
import { Prisma, type Experiment, type PrismaClient, type Run } from "@/lib/generated/prisma/client";
import { enqueueRun } from "@/lib/server/runs/controls";
import { insertPreparedRun, prepareRun, type PreparedRun } from "@/lib/server/runs/create-run";

export interface LaunchedExperiment {
  experiment: Experiment;
  runs: Run[];
}

function nameTaken(name: string) {
  return conflict(`an experiment named "${name}" already exists in this project; choose another name`);
}

export async function launchExperiment(
  prisma: PrismaClient,
  rawInput: ExperimentLaunchInput,
  deps: { boss?: PgBoss } = {},
): Promise<LaunchedExperiment> {
  const parsed = experimentLaunchSchema.safeParse(rawInput);
  if (!parsed.success) {
    const { message, fields } = describeLaunchIssues(parsed.error.issues);
    throw badRequest(message, fields);
  }
  const input = parsed.data;
  const existing = await prisma.experiment.findUnique({
    where: { projectId_name: { projectId: input.projectId, name: input.name } },
    select: { id: true },
  });
  if (existing) throw nameTaken(input.name);

  const prepared: PreparedRun[] = [];
  for (const cell of expandGrid(input.axes, input.seeds)) {
    prepared.push(
      await prepareRun(prisma, {
        projectId: input.projectId,
        name: nameGridRun(input.name, cell),
        preset: input.preset,
        config: { ...input.config, ...cell.settings },
        seed: cell.seed,
        tags: input.tags,
        initialPrinciples: input.initialPrinciples,
        createdById: input.createdById,
        datasetId: input.datasetId,
        policyBackendId: input.policyBackendId,
        reflectionBackendId: input.reflectionBackendId,
      }),
    );
  }

  let launched: LaunchedExperiment;
  try {
    launched = await prisma.$transaction(async (tx) => {
      const experiment = await tx.experiment.create({
        data: {
          projectId: input.projectId,
          name: input.name,
          notes: input.notes,
          createdById: input.createdById ?? null,
        },
      });
      const runs: Run[] = [];
      for (const data of prepared)
        runs.push(await insertPreparedRun(tx, { ...data, experimentId: experiment.id }));
      return { experiment, runs };
    });
  } catch (error) {
    // Two launches of one name at once: the loser is told as if it had checked first.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw nameTaken(input.name);
    throw error;
  }
  for (const run of launched.runs) await enqueueRun(run.id, { prisma, boss: deps.boss });
  return launched;
}
