import "server-only";
/**
 * A run's steps and metric series in /api/v1. The metrics are read as the metrics export reads them
 * (flattenStepMetrics: a native run's logged line, an imported run's stored object) and the downsampled
 * series are the charts' own (queryDownsampledSeries), so the API, the CSV and the charts agree.
 */
import { z } from "zod";
import { badRequest } from "@/lib/domain/errors";
import { sortMetricKeys } from "@/lib/domain/metrics/metric-order";
import {
  decodeNumberCursor,
  encodeNumberCursor,
  metricKeysSchema,
  type MetricSeries,
  type StepPage,
  type StepPageQuery,
} from "@/lib/domain/api-v1/run-data-schemas";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getBucketWidth, MAX_POINTS } from "@/lib/view/charts/downsample";
import type { ReadScope } from "@/lib/server/auth/scope";
import { flattenStepMetrics } from "@/lib/server/io/export/export-csv";
import { readPages } from "@/lib/server/io/export/read-pages";
import { findScopedRun } from "@/lib/server/read/scoped-run";
import { queryDownsampledSeries } from "@/lib/server/read/run-series";

/** The number after which a page starts (-1: from the first), refusing cursors this API never wrote. */
export function readNumberCursor(cursor: string | undefined): number {
  if (cursor === undefined) return -1;
  const after = decodeNumberCursor(cursor);
  if (after === null) throw badRequest("invalid cursor", { cursor: ["not a cursor this API returned"] });
  return after;
}

export async function listStepPage(
  prisma: PrismaClient,
  scope: ReadScope,
  runId: string,
  query: StepPageQuery,
): Promise<StepPage> {
  const { maxStep } = await findScopedRun(scope, runId);
  const steps = await prisma.step.findMany({
    where: { runId, step: { gt: readNumberCursor(query.cursor), lte: maxStep } },
    orderBy: { step: "asc" },
    take: query.limit + 1,
    select: {
      step: true,
      epoch: true,
      batchIndex: true,
      selectedProgramIds: true,
      testProgramId: true,
      startedAt: true,
      committedAt: true,
      metrics: true,
    },
  });
  const page = steps.slice(0, query.limit).map((s) => ({ ...s, values: flattenStepMetrics(s.metrics) }));
  const metricKeys = query.keys ?? sortMetricKeys(new Set(page.flatMap((s) => [...s.values.keys()])));
  const last = page.at(-1);
  return {
    metricKeys,
    rows: page.map(({ metrics: _stored, values, startedAt, committedAt, ...step }) => ({
      ...step,
      startedAt: startedAt.toISOString(),
      committedAt: committedAt.toISOString(),
      // Every row names every key: a value the step did not record is null, never 0 or absent.
      metrics: Object.fromEntries(metricKeys.map((key) => [key, values.get(key) ?? null])),
    })),
    nextCursor: steps.length > query.limit && last ? encodeNumberCursor(last.step) : null,
  };
}

export const metricSeriesQuerySchema = z.object({
  keys: metricKeysSchema.describe("metric keys, comma-separated"),
  points: z.coerce
    .number()
    .int()
    .min(2)
    .max(MAX_POINTS)
    .optional()
    .describe("downsample to at most this many buckets per key (min, max, last); default: every step"),
});

export type MetricSeriesQuery = z.output<typeof metricSeriesQuerySchema>;

const STEP_PAGE = 500;

export async function readMetricSeries(
  prisma: PrismaClient,
  scope: ReadScope,
  runId: string,
  query: MetricSeriesQuery,
): Promise<MetricSeries> {
  const { maxStep } = await findScopedRun(scope, runId);
  if (query.points !== undefined) {
    const run = await prisma.run.findUniqueOrThrow({ where: { id: runId }, select: { totalSteps: true } });
    const bucketWidth = getBucketWidth(run.totalSteps, query.points);
    const buckets = await queryDownsampledSeries(prisma, runId, query.keys, bucketWidth, maxStep);
    return {
      runId,
      bucketWidth,
      series: Object.fromEntries(
        query.keys.map((key) => [
          key,
          (buckets[key] ?? []).map((b) => ({ step: b.step, value: b.last, min: b.min, max: b.max })),
        ]),
      ),
    };
  }
  const series: MetricSeries["series"] = Object.fromEntries(query.keys.map((key) => [key, []]));
  const pages = readPages(
    (after: number | null, take) =>
      prisma.step.findMany({
        where: { runId, step: { gt: after ?? -1, lte: maxStep } },
        orderBy: { step: "asc" },
        select: { step: true, metrics: true },
        take,
      }),
    (row) => row.step,
    STEP_PAGE,
  );
  for await (const steps of pages)
    for (const { step, metrics } of steps) {
      const values = flattenStepMetrics(metrics);
      for (const key of query.keys) {
        const value = values.get(key);
        // Only numbers make a series, as the downsampled form counts only numbers.
        if (typeof value === "number" && Number.isFinite(value))
          series[key]!.push({ step, value, min: value, max: value });
      }
    }
  return { runId, bucketWidth: null, series };
}
