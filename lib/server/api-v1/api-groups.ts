import "server-only";
/**
 * Groups (experiments) in /api/v1: the list (cursor-paged, newest first), one group with its runs, and
 * the launch (the dashboard's launchExperiment and its schema). The results table is the dashboard's
 * readExperimentGroups, served as it is by the results route; the control is the dashboard's
 * controlExperiment.
 */
import type { z } from "zod";
import type { GroupListQuery } from "@/lib/domain/api-v1/api-v1-schemas";
import { experimentLaunchSchema } from "@/lib/domain/experiments/launch-spec";
import { encodeCursor } from "@/lib/domain/api-v1/run-cursor";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { runWhere, type ReadScope } from "@/lib/server/auth/scope";
import { launchExperiment } from "@/lib/server/experiments/launch-experiment";
import { findScopedExperiment } from "@/lib/server/read/experiment-groups";
import { afterCursor } from "./api-runs";

/**
 * The launch body: the dashboard's experiment schema before its transform (which turns seeds and sweep
 * into the grid), without the creator (the caller is). The route checks the shapes with it, and
 * launchExperiment parses the same schema whole, naming every bad seed or sweep value.
 */
export const apiGroupLaunchSchema = experimentLaunchSchema.in.omit({ createdById: true });

export interface ApiGroupRow {
  id: string;
  projectId: string;
  name: string;
  notes: string;
  runCount: number;
  createdAt: string;
  archivedAt: string | null;
}

export async function listGroupPage(
  prisma: PrismaClient,
  scope: ReadScope,
  query: GroupListQuery,
): Promise<{ rows: ApiGroupRow[]; nextCursor: string | null }> {
  // Share links name runs, never groups (findScopedExperiment refuses them the same way).
  if (scope.runIds !== undefined) return { rows: [], nextCursor: null };
  const groups = await prisma.experiment.findMany({
    where: {
      AND: [
        { projectId: { in: [...scope.projectIds] } },
        query.name ? { name: query.name } : {},
        afterCursor(query.cursor),
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: {
      id: true,
      projectId: true,
      name: true,
      notes: true,
      createdAt: true,
      archivedAt: true,
      _count: { select: { runs: true } },
    },
  });
  const page = groups.slice(0, query.limit);
  const last = page.at(-1);
  return {
    rows: page.map(({ _count, createdAt, archivedAt, ...group }) => ({
      ...group,
      runCount: _count.runs,
      createdAt: createdAt.toISOString(),
      archivedAt: archivedAt?.toISOString() ?? null,
    })),
    nextCursor: groups.length > query.limit && last ? encodeCursor(last) : null,
  };
}

export async function readGroup(prisma: PrismaClient, scope: ReadScope, groupId: string) {
  const group = await findScopedExperiment(prisma, scope, { id: groupId });
  const runs = await prisma.run.findMany({
    where: { AND: [{ experimentId: group.id }, runWhere(scope)] },
    orderBy: [{ createdAt: "asc" }, { name: "asc" }],
    select: { id: true, name: true, seed: true, status: true, currentStep: true, totalSteps: true },
  });
  return {
    id: group.id,
    projectId: group.projectId,
    name: group.name,
    notes: group.notes,
    createdAt: group.createdAt.toISOString(),
    archivedAt: group.archivedAt?.toISOString() ?? null,
    runs,
  };
}

export interface ApiLaunchedGroup {
  id: string;
  projectId: string;
  name: string;
  runs: { id: string; name: string; seed: number; totalSteps: number; status: string }[];
}

/** Launch a group of runs (seeds × sweep settings), all written or none, each queued. */
export async function launchApiGroup(
  prisma: PrismaClient,
  input: z.output<typeof apiGroupLaunchSchema>,
  createdById: string,
): Promise<ApiLaunchedGroup> {
  const { experiment, runs } = await launchExperiment(prisma, { ...input, createdById });
  return {
    id: experiment.id,
    projectId: experiment.projectId,
    name: experiment.name,
    runs: runs.map((run) => ({
      id: run.id,
      name: run.name,
      seed: run.seed,
      totalSteps: run.totalSteps,
      status: run.status,
    })),
  };
}
