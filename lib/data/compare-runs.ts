import "server-only";
import { runWhere, type ReadScope } from "@/lib/auth/scope";
import { getBucketWidth, type Bucket } from "@/lib/charts/downsample";
import { getPrisma } from "@/lib/db/client";
import type { RunStatus } from "@/lib/generated/prisma/enums";
import { queryDownsampledSeries, queryLatestLoggedMetrics } from "./run-series";

export interface ComparedRun {
  id: string;
  name: string;
  status: RunStatus;
  config: unknown;
  firstStartedAt: string | null;
  /** The picked metric, bucketed with the width shared by all compared runs. */
  series: Bucket[];
  /** rollout/… and testing/… values of the last visible step. */
  finalMetrics: Record<string, number>;
  bestPrinciples: unknown;
}

export interface Comparison {
  bucketWidth: number;
  runs: ComparedRun[];
  /** Metric keys any compared run has, for the picker. */
  metricKeys: string[];
}

/**
 * Runs overlaid on the compare page, scoped (runs outside the scope are silently left out). Every run
 * uses one bucket width, from the longest planned run, so the overlay shares bucket boundaries.
 */
export async function getComparison(
  scope: ReadScope,
  runIds: readonly string[],
  metric: string,
): Promise<Comparison> {
  const prisma = getPrisma();
  const maxStep = scope.frozenAtStep ?? 2_147_483_647;
  const rows = await prisma.run.findMany({
    where: { AND: [{ id: { in: [...runIds] } }, runWhere(scope)] },
    select: { id: true, name: true, status: true, config: true, totalSteps: true, bestProgramId: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = runIds.flatMap((id) => byId.get(id) ?? []);
  const bucketWidth = getBucketWidth(Math.max(0, ...ordered.map((r) => r.totalSteps)));
  const keys = new Set<string>();
  const runs = await Promise.all(
    ordered.map(async (r): Promise<ComparedRun> => {
      const [series, latest, first, best] = await Promise.all([
        queryDownsampledSeries(prisma, r.id, [metric], bucketWidth, maxStep),
        queryLatestLoggedMetrics(prisma, r.id, maxStep),
        prisma.step.findFirst({
          where: { runId: r.id },
          orderBy: { step: "asc" },
          select: { startedAt: true },
        }),
        r.bestProgramId === null || scope.frozenAtStep !== undefined
          ? null
          : prisma.program.findFirst({
              where: { runId: r.id, programId: r.bestProgramId },
              select: { principles: true },
            }),
      ]);
      const finalMetrics: Record<string, number> = {};
      for (const [k, v] of Object.entries(latest)) {
        if ((k.startsWith("rollout/") || k.startsWith("testing/")) && typeof v === "number") {
          finalMetrics[k] = v;
          keys.add(k);
        }
      }
      return {
        id: r.id,
        name: r.name,
        status: r.status,
        config: r.config,
        firstStartedAt: first?.startedAt.toISOString() ?? null,
        series: series[metric] ?? [],
        finalMetrics,
        bestPrinciples: best?.principles ?? null,
      };
    }),
  );
  return { bucketWidth, runs, metricKeys: [...keys].sort() };
}
