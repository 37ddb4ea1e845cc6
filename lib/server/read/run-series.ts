import "server-only";
import type { Bucket } from "@/lib/view/charts/downsample";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

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

/** [bucket, step, min, max, last, time, samples], as json_agg returns stored buckets. */
type PackedBucket = [number, number, number, number, number, number, number];

const NO_LIMIT = 2_147_483_647;

/**
 * Buckets whose last step is above `sinceStep` (null: all), for a client that holds the rest: a bucket
 * still filling is sent again with its new last step and replaces the one the client has.
 *
 * The SQL form of downsampleSeries (lib/view/charts/downsample.ts), for `keys` of one run, at bucket `width`,
 * over steps up to `maxStep` (a share link's frozen step). Steps commit in order and never change, so a
 * bucket whose last step is committed is final: completed buckets are aggregated once into
 * series_buckets and read back; only the open bucket at the end is aggregated per request. A 2,500-step
 * run then costs one indexed read of ≤ 1,000 stored buckets per key instead of a pass over every
 * step's metrics.
 */
export async function queryDownsampledSeries(
  prisma: PrismaClient,
  runId: string,
  keys: readonly string[],
  width: number,
  maxStep: number,
  sinceStep: number | null = null,
): Promise<Record<string, Bucket[]>> {
  const series: Record<string, Bucket[]> = Object.fromEntries(keys.map((k) => [k, []]));
  if (keys.length === 0) return series;
  const [head] = await prisma.$queryRaw<{ last: number | null }[]>`
    SELECT max(step)::int AS last FROM steps WHERE run_id = ${runId}::uuid AND step <= ${maxStep}::int`;
  const last = head?.last ?? null;
  if (last === null || (sinceStep !== null && last <= sinceStep)) return series;
  const after = sinceStep ?? -1;
  const complete = Math.floor((last + 1) / width);
  await fillCompletedBuckets(prisma, runId, width, complete);

  const stored = await prisma.$queryRaw<{ key: string; buckets: PackedBucket[] }[]>`
    SELECT key, json_agg(json_build_array(bucket, step, min, max, last, time, samples) ORDER BY bucket) AS buckets
    FROM series_buckets
    WHERE run_id = ${runId}::uuid AND width = ${width}::int AND bucket < ${complete}::int
      AND bucket >= ${Math.floor((after + 1) / width)}::int AND step > ${after}::int AND key = ANY(${[...keys]}::text[])
    GROUP BY key`;
  for (const row of stored)
    series[row.key] = row.buckets.map(([bucket, step, min, max, last, time, samples]) => ({
      bucket,
      step,
      min,
      max,
      last,
      time,
      samples,
    }));
  const openFrom = complete * width;
  const open =
    openFrom > maxStep
      ? []
      : await prisma.$queryRaw<BucketRow[]>`
          SELECT * FROM (${bucketAggregation(runId, width, openFrom, maxStep, keys)}) a ORDER BY key, bucket`;
  for (const { key, ...bucket } of open) if (bucket.step > after) (series[key] ??= []).push(bucket);
  return series;
}

/**
 * The metrics line of the newest step (up to `maxStep`) that has one: a run's last steps may lack it (a
 * reference run killed between writing a step and its metrics line), and the charted keys must not
 * vanish for that. Walks the (run_id, step) index backwards.
 */
export async function queryLatestLoggedMetrics(
  prisma: PrismaClient,
  runId: string,
  maxStep: number,
): Promise<Record<string, unknown>> {
  const [row] = await prisma.$queryRaw<{ logged: Record<string, unknown> }[]>`
    SELECT coalesce(metrics->'logged', metrics) AS logged FROM steps
    WHERE run_id = ${runId}::uuid AND step <= ${maxStep}::int
      AND coalesce(metrics->'logged', metrics) <> '{}'::jsonb
    ORDER BY step DESC LIMIT 1`;
  return row?.logged ?? {};
}

/**
 * Stores every completed bucket not stored yet (all numeric keys) in one INSERT … SELECT, so the rows
 * never travel to this process; concurrent callers insert the same rows and skip each other's.
 */
async function fillCompletedBuckets(
  prisma: PrismaClient,
  runId: string,
  width: number,
  complete: number,
): Promise<void> {
  const [fill] = await prisma.$queryRaw<{ buckets: number }[]>`
    SELECT buckets FROM series_fills WHERE run_id = ${runId}::uuid AND width = ${width}::int`;
  const from = fill?.buckets ?? 0;
  if (from >= complete) return;
  const rows = bucketAggregation(runId, width, from * width, complete * width - 1, null);
  await prisma.$transaction([
    prisma.$executeRaw`
      INSERT INTO series_buckets (key, bucket, step, min, max, last, time, samples, run_id, width)
      SELECT a.*, ${runId}::uuid, ${width}::int FROM (${rows}) a
      ON CONFLICT DO NOTHING`,
    prisma.$executeRaw`
      INSERT INTO series_fills (run_id, width, buckets) VALUES (${runId}::uuid, ${width}::int, ${complete}::int)
      ON CONFLICT (run_id, width) DO UPDATE SET buckets = greatest(series_fills.buckets, EXCLUDED.buckets)`,
  ]);
}

/**
 * One pass over the run's steps in [fromStep, toStep] for the given keys (null: every key), grouped
 * into buckets of `width` steps, keeping min, max and the value (with its commit time and samples) at the
 * bucket's highest step. Native runs keep the reference's metrics line under `logged` (see
 * flattenStepMetrics in lib/server/io/export), imported ones at the top level. Only JSON numbers count, as the
 * pure function skips non-finite values. Served by the (run_id, step) unique index.
 */
function bucketAggregation(
  runId: string,
  width: number,
  fromStep: number,
  toStep: number,
  keys: readonly string[] | null,
): Prisma.Sql {
  // jsonb_each reads each step's metrics once (a cross join with the key list would detoast it per key).
  return Prisma.sql`
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
    WHERE s.run_id = ${runId}::uuid AND s.step >= ${fromStep}::int AND s.step <= ${Math.min(toStep, NO_LIMIT)}::int
      AND (${keys === null} OR e.key = ANY(${[...(keys ?? [])]}::text[]))
      AND jsonb_typeof(e.value) = 'number'
    GROUP BY e.key, bucket`;
}
