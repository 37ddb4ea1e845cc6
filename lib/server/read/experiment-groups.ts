import "server-only";
/**
 * An experiment's group read: its runs (scoped), split into groups, their series read at one shared
 * bucket width (so every run's buckets share boundaries and align) through
 * lib/server/read/experiment-series.ts, and from them the results table and the aggregate curves
 * (lib/view/experiments/prepare-groups.ts).
 */
import { notFound } from "@/lib/domain/errors";
import type { ExperimentGroupQuery } from "@/lib/domain/experiments/group-query";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { runWhere, type ReadScope } from "@/lib/server/auth/scope";
import { getBucketWidth } from "@/lib/view/charts/downsample";
import {
  buildGroupCurves,
  buildResultsTable,
  isTestPassKey,
  splitIntoGroups,
  type GroupCurves,
  type GroupRunInput,
  type ResultsTable,
  type RunValues,
} from "@/lib/view/experiments/prepare-groups";
import { sortMetricKeys } from "@/lib/domain/metrics/metric-order";
import { queryGroupSeries } from "./experiment-series";

/** The most points of each run's own (faint) line; the group's mean curve keeps every bucket. */
const LINE_POINTS = 250;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ExperimentSummary {
  id: string;
  projectId: string;
  name: string;
  notes: string;
  createdAt: Date;
  archivedAt: Date | null;
}

export interface ExperimentGroups {
  experiment: ExperimentSummary;
  bucketWidth: number;
  /** Every numeric key the runs log at their newest step, for a curve picker. */
  metricKeys: string[];
  curveKeys: string[];
  table: ResultsTable;
  curves: GroupCurves[];
}

/** The experiment, if the scope may read it: members of its project only (share links name runs, not groups). */
export async function findScopedExperiment(
  prisma: PrismaClient,
  scope: ReadScope,
  where: { id: string } | { name: string },
): Promise<ExperimentSummary> {
  if ("id" in where && !UUID.test(where.id)) throw notFound("experiment");
  if (scope.runIds !== undefined || scope.frozenAtStep !== undefined) throw notFound("experiment");
  const experiment = await prisma.experiment.findFirst({
    where: { AND: [where, { projectId: { in: [...scope.projectIds] } }] },
    select: { id: true, projectId: true, name: true, notes: true, createdAt: true, archivedAt: true },
    orderBy: { createdAt: "desc" },
  });
  if (!experiment) throw notFound("experiment");
  return experiment;
}

/** The keys logged at each run's newest step, in one query. */
export async function queryLoggedKeys(prisma: PrismaClient, runIds: string[]): Promise<string[]> {
  if (runIds.length === 0) return [];
  const rows = await prisma.$queryRaw<{ key: string }[]>`
    SELECT DISTINCT e.key FROM unnest(${runIds}::uuid[]) AS r(id)
    CROSS JOIN LATERAL (
      SELECT coalesce(metrics->'logged', metrics) AS m FROM steps
      WHERE run_id = r.id AND coalesce(metrics->'logged', metrics) <> '{}'::jsonb
      ORDER BY step DESC LIMIT 1) s
    CROSS JOIN LATERAL jsonb_each(s.m) AS e(key, value)
    WHERE jsonb_typeof(e.value) = 'number'`;
  return sortMetricKeys(rows.map((r) => r.key));
}

export async function readExperimentGroups(
  prisma: PrismaClient,
  scope: ReadScope,
  experimentId: string,
  query: Pick<ExperimentGroupQuery, "by" | "keys"> & { lines?: boolean },
): Promise<ExperimentGroups> {
  const experiment = await findScopedExperiment(prisma, scope, { id: experimentId });
  const rows = await prisma.run.findMany({
    where: { AND: [{ experimentId: experiment.id }, runWhere(scope)] },
    select: { id: true, name: true, seed: true, status: true, config: true, totalSteps: true },
    orderBy: [{ createdAt: "asc" }, { name: "asc" }],
  });
  const runs: GroupRunInput[] = rows.map((r) => ({
    id: r.id,
    name: r.name,
    seed: r.seed,
    status: r.status,
    config: (r.config ?? {}) as Record<string, unknown>,
  }));
  const bucketWidth = getBucketWidth(Math.max(0, ...rows.map((r) => r.totalSteps)));
  const metricKeys = await queryLoggedKeys(
    prisma,
    rows.map((r) => r.id),
  );
  const passKeys = metricKeys.filter(isTestPassKey);
  const curveKeys = query.keys ?? passKeys;
  const groups = splitIntoGroups(runs, query.by);
  const groupOf = new Map(groups.flatMap((g, index) => g.runs.map((r) => [r.id, index] as const)));
  const buckets = Math.ceil(Math.max(1, ...rows.map((r) => r.totalSteps)) / bucketWidth);
  const series = await queryGroupSeries(
    prisma,
    runs.map((r) => ({ id: r.id, group: groupOf.get(r.id)! })),
    {
      tableKeys: passKeys,
      curveKeys,
      width: bucketWidth,
      ...(query.lines ? { lineStride: Math.max(1, Math.ceil(buckets / LINE_POINTS)) } : {}),
    },
  );
  const values = new Map<string, Record<string, RunValues>>();
  for (const row of series.finals)
    (values.get(row.runId) ?? values.set(row.runId, {}).get(row.runId)!)[row.key] = {
      final: row.final,
      best: row.best,
    };
  // A bucket's x is its last step, so every run's bucket b sits at the same x.
  const xOf = (bucket: number) => (bucket + 1) * bucketWidth - 1;
  return {
    experiment,
    bucketWidth,
    metricKeys,
    curveKeys,
    table: buildResultsTable(runs, values, query.by),
    curves: buildGroupCurves(groups, series.moments, series.lines, curveKeys, xOf),
  };
}
