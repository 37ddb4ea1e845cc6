import "server-only";
import type { Bucket } from "@/lib/charts/downsample";
import type { PrismaClient } from "@/lib/generated/prisma/client";

interface BucketRow {
  key: string;
  bucket: number;
  step: number;
  min: number;
  max: number;
  last: number;
  time: number;
  samples: number;
}

/**
 * The SQL form of downsampleSeries (lib/charts/downsample.ts): one pass over the run's steps for all
 * keys, grouped into buckets of `width` steps, keeping min, max and the value (with its commit time and
 * samples) at the bucket's highest step. Native runs keep the reference's metrics line under `logged`
 * (see flattenStepMetrics in lib/export), imported ones at the top level. Only JSON numbers count, as the pure function skips non-finite
 * values. Served by the (run_id, step) unique index.
 */
export async function queryDownsampledSeries(
  prisma: PrismaClient,
  runId: string,
  keys: readonly string[],
  width: number,
  maxStep: number,
): Promise<Record<string, Bucket[]>> {
  const series: Record<string, Bucket[]> = Object.fromEntries(keys.map((k) => [k, []]));
  if (keys.length === 0) return series;
  // jsonb_each reads each step's metrics once (a cross join with the key list would detoast it per key).
  const rows = await prisma.$queryRaw<BucketRow[]>`
    SELECT e.key,
           (s.step / ${width}::int)::int AS bucket,
           max(s.step)::int AS step,
           min((e.value #>> '{}')::float8) AS min,
           max((e.value #>> '{}')::float8) AS max,
           (array_agg((e.value #>> '{}')::float8 ORDER BY s.step DESC))[1] AS last,
           (array_agg((extract(epoch FROM s.committed_at) * 1000)::float8 ORDER BY s.step DESC))[1] AS time,
           (array_agg(s.samples_consumed ORDER BY s.step DESC))[1]::int AS samples
    FROM steps s
    CROSS JOIN LATERAL jsonb_each(coalesce(s.metrics->'logged', s.metrics)) AS e(key, value)
    WHERE s.run_id = ${runId}::uuid AND s.step <= ${maxStep}::int
      AND e.key = ANY(${[...keys]}::text[]) AND jsonb_typeof(e.value) = 'number'
    GROUP BY e.key, bucket
    ORDER BY e.key, bucket`;
  for (const { key, ...bucket } of rows) (series[key] ??= []).push(bucket);
  return series;
}
