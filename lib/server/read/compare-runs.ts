import "server-only";
import { runWhere, type ReadScope } from "@/lib/server/auth/scope";
import { getBucketWidth, type Bucket } from "@/lib/view/charts/downsample";
import { getPrisma } from "@/lib/server/db/client";
import type { RunStatus, TrainMode } from "@/lib/generated/prisma/enums";
import { sortMetricKeys } from "@/lib/domain/metrics/metric-order";
import { queryAxisPositions } from "./axis-positions";
import { bucketSteps, type AxisPositions } from "@/lib/view/charts/axis-positions";
import { queryDownsampledSeries, queryLatestLoggedMetrics } from "./run-series";

export interface ComparedRun {
  id: string;
  name: string;
  status: RunStatus;
  trainMode: TrainMode;
  config: unknown;
  /** The dataset recorded at launch (null: not recorded); the config view reads dataset_pair against it. */
  datasetName: string | null;
  /** The experiment the run was launched in, for grouping; null for none, and on a share link's views. */
  experiment: { id: string; name: string } | null;
  /** The first picked metric, bucketed with the width shared by all compared runs. */
  series: Bucket[];
  /** Every picked metric, bucketed the same way (one chart panel each). */
  seriesByMetric: Record<string, Bucket[]>;
  /** Where the series' bucket ends lie on the samples, tokens and time axes. */
  axes: AxisPositions;
  /** rollout/… and testing/… values of the last visible step. */
  finalMetrics: Record<string, number>;
  bestPrinciples: unknown;
  /**
   * The prompt the prompt card shows: the best program's principles, or for a run without one (an
   * RL-only run never evolves its prompt) the root program's, i.e. the initial principles.
   */
  prompt: { kind: "best" | "root"; programId: number | null; principles: unknown } | null;
}

export interface Comparison {
  bucketWidth: number;
  runs: ComparedRun[];
  /** The metrics charted, in the order asked for. */
  metrics: string[];
  /** Metric keys any compared run has, for the picker. */
  metricKeys: string[];
}

/**
 * Runs overlaid on the compare page, scoped (runs outside the scope are silently left out), with one
 * series per picked metric. Every run uses one bucket width, from the longest planned run, so the
 * overlay shares bucket boundaries.
 */
export async function getComparison(
  scope: ReadScope,
  runIds: readonly string[],
  metric: string | readonly string[],
): Promise<Comparison> {
  const metrics = [...new Set(typeof metric === "string" ? [metric] : metric)];
  const prisma = getPrisma();
  const maxStep = scope.frozenAtStep ?? 2_147_483_647;
  const rows = await prisma.run.findMany({
    where: { AND: [{ id: { in: [...runIds] } }, runWhere(scope)] },
    select: {
      id: true,
      name: true,
      status: true,
      trainMode: true,
      source: true,
      config: true,
      datasetName: true,
      totalSteps: true,
      bestProgramId: true,
      initialPrinciples: true,
      experiment: { select: { id: true, name: true } },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = runIds.flatMap((id) => byId.get(id) ?? []);
  const bucketWidth = getBucketWidth(Math.max(0, ...ordered.map((r) => r.totalSteps)));
  const keys = new Set<string>();
  const runs = await Promise.all(
    ordered.map(async (r): Promise<ComparedRun> => {
      const [series, latest, best, root] = await Promise.all([
        queryDownsampledSeries(prisma, r.id, metrics, bucketWidth, maxStep),
        queryLatestLoggedMetrics(prisma, r.id, maxStep),
        r.bestProgramId === null || scope.frozenAtStep !== undefined
          ? null
          : prisma.program.findFirst({
              where: { runId: r.id, programId: r.bestProgramId },
              select: { programId: true, principles: true },
            }),
        // The root exists from the start, so a frozen share link may show it too.
        prisma.program.findFirst({
          where: { runId: r.id, origin: "root" },
          orderBy: { programId: "asc" },
          select: { programId: true, principles: true },
        }),
      ]);
      const finalMetrics: Record<string, number> = {};
      for (const [k, v] of Object.entries(latest)) {
        if ((k.startsWith("rollout/") || k.startsWith("testing/")) && typeof v === "number") {
          finalMetrics[k] = v;
          keys.add(k);
        }
      }
      const seriesByMetric = Object.fromEntries(metrics.map((m) => [m, series[m] ?? []]));
      const axes = await queryAxisPositions(
        prisma,
        r.id,
        r.source,
        bucketSteps(Object.values(seriesByMetric)),
        maxStep,
      );
      return {
        id: r.id,
        name: r.name,
        status: r.status,
        trainMode: r.trainMode,
        config: r.config,
        datasetName: r.datasetName,
        // Share links name runs, not groups: a shared run's experiment stays the project's own.
        experiment: scope.runIds === undefined ? r.experiment : null,
        series: seriesByMetric[metrics[0] ?? ""] ?? [],
        seriesByMetric,
        axes,
        finalMetrics,
        bestPrinciples: best?.principles ?? null,
        prompt: best
          ? { kind: "best", ...best }
          : root
            ? { kind: "root", ...root }
            : r.initialPrinciples.length > 0
              ? {
                  kind: "root",
                  programId: null,
                  principles: r.initialPrinciples.map((text) => ({ text })),
                }
              : null,
      };
    }),
  );
  return { bucketWidth, runs, metrics, metricKeys: sortMetricKeys(keys) };
}
