import "server-only";
import { runWhere, type ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import type { RunStatus, TrainMode } from "@/lib/generated/prisma/enums";

export interface RecentRun {
  id: string;
  name: string;
  projectName: string;
  status: RunStatus;
  trainMode: TrainMode;
  currentStep: number;
  totalSteps: number;
  bestTestPass1: number | null;
  statusDetail: string | null;
  /** ISO 8601, so the same shape serves the page and the JSON route. */
  createdAt: string;
}

export interface Overview {
  projectCount: number;
  runCounts: Partial<Record<RunStatus, number>>;
  recentRuns: RecentRun[];
}

const RECENT_LIMIT = 20;

/**
 * The home page's summary over the caller's scope: counts by status and the newest runs (summary
 * columns only, no text).
 */
export async function getOverview(scope: ReadScope): Promise<Overview> {
  const prisma = getPrisma();
  const where = runWhere(scope);
  const [projectCount, grouped, runs] = await Promise.all([
    prisma.project.count({ where: { id: { in: [...scope.projectIds] } } }),
    prisma.run.groupBy({ by: ["status"], where, _count: { _all: true } }),
    prisma.run.findMany({
      where,
      orderBy: { createdAt: "desc" },
      take: RECENT_LIMIT,
      select: {
        id: true,
        name: true,
        status: true,
        trainMode: true,
        currentStep: true,
        totalSteps: true,
        bestTestPass1: true,
        statusDetail: true,
        createdAt: true,
        project: { select: { name: true } },
      },
    }),
  ]);
  return {
    projectCount,
    runCounts: Object.fromEntries(grouped.map((g) => [g.status, g._count._all])),
    recentRuns: runs.map(({ project, createdAt, ...run }) => ({
      ...run,
      projectName: project.name,
      createdAt: createdAt.toISOString(),
    })),
  };
}
