import "server-only";
/**
 * Groups (experiments) in /api/v1: the list (cursor-paged, newest first) and one group with its runs.
 * The results table is the dashboard's readExperimentGroups, served as it is by the results route.
 */
import type { GroupListQuery } from "@/lib/domain/api-v1/api-v1-schemas";
import { encodeCursor } from "@/lib/domain/api-v1/run-cursor";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { runWhere, type ReadScope } from "@/lib/server/auth/scope";
import { findScopedExperiment } from "@/lib/server/read/experiment-groups";
import { afterCursor } from "./api-runs";

export interface ApiGroupRow {
  id: string;
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
    name: group.name,
    notes: group.notes,
    createdAt: group.createdAt.toISOString(),
    archivedAt: group.archivedAt?.toISOString() ?? null,
    runs,
  };
}
