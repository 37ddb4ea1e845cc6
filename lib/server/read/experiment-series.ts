import "server-only";
/**
 * Many runs' series at once, for a group read, in a few queries whatever the number of runs: the stored
 * buckets of lib/server/read/run-series.ts (filled through it for a run not cached yet at this width),
 * plus each run's open bucket at the end aggregated from its steps as run-series does. The database
 * returns per-run final and best values (for the table) and, per group, key and bucket, the count, mean
 * and sample standard deviation across runs (for the curves), so the rows of every run never travel.
 */
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { queryDownsampledSeries } from "./run-series";

const NO_LIMIT = 2_147_483_647;

export interface GroupSeriesRun {
  id: string;
  /** Index of the run's group. */
  group: number;
}

export interface RunFinalBest {
  runId: string;
  key: string;
  final: number;
  best: number;
}

export interface BucketMoments {
  group: number;
  key: string;
  bucket: number;
  n: number;
  mean: number;
  /** Null where n < 2. */
  sd: number | null;
}

export interface RunLinePoint {
  runId: string;
  key: string;
  bucket: number;
  last: number;
}

interface RunState {
  id: string;
  last: number | null;
  filled: number;
}

/** Each run's highest step and how many buckets are stored at `width`, in one query. */
async function readStates(prisma: PrismaClient, ids: string[], width: number): Promise<RunState[]> {
  return prisma.$queryRaw<RunState[]>`
    SELECT r.id::text AS id,
      (SELECT max(step) FROM steps WHERE run_id = r.id)::int AS last,
      coalesce(f.buckets, 0)::int AS filled
    FROM unnest(${ids}::uuid[]) AS r(id)
    LEFT JOIN series_fills f ON f.run_id = r.id AND f.width = ${width}::int`;
}

/**
 * Every (run, key, bucket) value: stored buckets below each run's complete count, and the open bucket
 * from the steps past it (the same aggregation as run-series' bucketAggregation).
 */
function bucketValues(
  runs: readonly GroupSeriesRun[],
  complete: ReadonlyMap<string, number>,
  keys: readonly string[],
  width: number,
): Prisma.Sql {
  const ids = runs.map((r) => r.id);
  const groups = runs.map((r) => r.group);
  const completes = runs.map((r) => complete.get(r.id) ?? 0);
  // LATERAL per run, so both halves are index range scans of that run's rows (a plain join let the
  // planner scan every step of the table).
  return Prisma.sql`
    SELECT g.id AS run_id, g.grp, v.key, v.bucket, v.max, v.last
    FROM unnest(${ids}::uuid[], ${groups}::int[], ${completes}::int[]) AS g(id, grp, complete)
    CROSS JOIN LATERAL (
      SELECT b.key, b.bucket, b.max, b.last FROM series_buckets b
      WHERE b.run_id = g.id AND b.width = ${width}::int AND b.key = ANY(${[...keys]}::text[])
        AND b.bucket < g.complete
      UNION ALL
      SELECT e.key, (s.step / ${width}::int)::int,
        max((e.value #>> '{}')::float8),
        (array_agg((e.value #>> '{}')::float8 ORDER BY s.step DESC))[1]
      FROM steps s
      CROSS JOIN LATERAL jsonb_each(coalesce(s.metrics->'logged', s.metrics)) AS e(key, value)
      WHERE s.run_id = g.id AND s.step >= g.complete * ${width}::int
        AND e.key = ANY(${[...keys]}::text[]) AND jsonb_typeof(e.value) = 'number'
      GROUP BY 1, 2) v`;
}

interface AggregateRow {
  moment: boolean;
  group: number | null;
  runId: string | null;
  key: string;
  bucket: number | null;
  n: number;
  mean: number;
  sd: number | null;
  best: number;
  final: number;
}

export interface GroupSeries {
  finals: RunFinalBest[];
  moments: BucketMoments[];
  /** Each run's own line (for faint seeds), every `lineStride`-th bucket and the last; empty unless asked. */
  lines: RunLinePoint[];
}

export async function queryGroupSeries(
  prisma: PrismaClient,
  runs: readonly GroupSeriesRun[],
  options: { tableKeys: readonly string[]; curveKeys: readonly string[]; width: number; lineStride?: number },
): Promise<GroupSeries> {
  const empty: GroupSeries = { finals: [], moments: [], lines: [] };
  const keys = [...new Set([...options.tableKeys, ...options.curveKeys])];
  if (runs.length === 0 || keys.length === 0) return empty;
  const { width } = options;
  const states = await readStates(
    prisma,
    runs.map((r) => r.id),
    width,
  );
  const complete = new Map<string, number>();
  const stale: string[] = [];
  for (const state of states) {
    const buckets = state.last === null ? 0 : Math.floor((state.last + 1) / width);
    complete.set(state.id, buckets);
    if (state.filled < buckets) stale.push(state.id);
  }
  // Not cached yet at this width: run-series stores each such run's completed buckets (every key) once.
  await Promise.all(stale.map((id) => queryDownsampledSeries(prisma, id, keys.slice(0, 1), width, NO_LIMIT)));
  const values = bucketValues(runs, complete, keys, width);
  // One pass over the values for both answers: per (group, key, bucket) the moments, per (run, key)
  // the best and the final (the highest bucket's value: arrays compare element by element, no sort).
  const [aggregates, lines] = await Promise.all([
    prisma.$queryRaw<AggregateRow[]>`
      SELECT GROUPING(run_id) = 1 AS moment, grp AS group, run_id::text AS "runId", key, bucket,
        count(*)::int AS n, avg(last) AS mean, stddev_samp(last) AS sd,
        max(max) AS best, (max(ARRAY[bucket::float8, last]))[2] AS final
      FROM (${values}) v
      GROUP BY GROUPING SETS ((grp, key, bucket), (run_id, key))`,
    options.lineStride === undefined || options.curveKeys.length === 0
      ? []
      : prisma.$queryRaw<RunLinePoint[]>`
          SELECT run_id::text AS "runId", key, bucket, last FROM (
            SELECT v.*, max(bucket) OVER (PARTITION BY run_id, key) AS top FROM (${values}) v
            WHERE key = ANY(${[...options.curveKeys]}::text[])) w
          WHERE bucket % ${options.lineStride}::int = ${options.lineStride - 1}::int OR bucket = top`,
  ]);
  const tableKeys = new Set(options.tableKeys);
  const curveKeys = new Set(options.curveKeys);
  const finals: RunFinalBest[] = [];
  const moments: BucketMoments[] = [];
  for (const row of aggregates) {
    if (row.moment) {
      if (curveKeys.has(row.key))
        moments.push({
          group: row.group!,
          key: row.key,
          bucket: row.bucket!,
          n: row.n,
          mean: row.mean,
          sd: row.sd,
        });
    } else if (tableKeys.has(row.key))
      finals.push({ runId: row.runId!, key: row.key, final: row.final, best: row.best });
  }
  return { finals, moments, lines };
}
