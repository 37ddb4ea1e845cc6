import "server-only";
/** A run's detail (lib/domain/runs/run-detail.ts) read by a where clause: the caller's scope decides it. */
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { RunDetail } from "@/lib/domain/runs/run-detail";

const iso = (date: Date | null) => date?.toISOString() ?? null;

export async function findRunDetail(
  prisma: PrismaClient,
  where: Prisma.RunWhereInput,
): Promise<RunDetail | null> {
  const run = await prisma.run.findFirst({
    where,
    include: {
      project: { select: { slug: true } },
      dataset: { select: { name: true } },
      policyBackend: { select: { name: true } },
    },
  });
  if (!run) return null;
  return {
    id: run.id,
    name: run.name,
    projectSlug: run.project.slug,
    status: run.status,
    control: run.control,
    statusDetail: run.statusDetail,
    trainMode: run.trainMode,
    seed: run.seed,
    tags: run.tags,
    currentStep: run.currentStep,
    totalSteps: run.totalSteps,
    bestTestPass1: run.bestTestPass1,
    bestConservative: run.bestConservative,
    bestProgramId: run.bestProgramId,
    datasetName: run.dataset?.name ?? null,
    backendName: run.policyBackend?.name ?? null,
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
  };
}
