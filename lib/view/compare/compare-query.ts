/**
 * The compare page's whole state lives in its URL so a view can be sent to someone: which runs, which
 * metrics (one chart panel each, `metric=a,b`; a single key as before still reads), x-axis, smoothing,
 * y scale, band, hidden runs and the "differences only" toggle. One zod schema parses the
 * query (page and route), and serialiseCompareQuery writes it back in a canonical order.
 */
import { z } from "zod";
import { chartQueryShape } from "@/lib/view/charts/chart-query";
import { groupBySchema } from "@/lib/domain/experiments/group-query";

export const MAX_COMPARE_RUNS = 20;
export const DEFAULT_COMPARE_METRIC = "testing/Pass@1";
export const MAX_COMPARE_METRICS = 6;

const metricKey = z.string().regex(/^(rollout|testing)\/[\w@./-]+$/, "a rollout/… or testing/… metric key");

const idList = z
  .string()
  .optional()
  .transform((s) => (s ? [...new Set(s.split(",").filter(Boolean))] : []))
  .pipe(z.array(z.guid()));

export const compareQuerySchema = z.object({
  runs: idList.pipe(z.array(z.guid()).max(MAX_COMPARE_RUNS, `at most ${MAX_COMPARE_RUNS} runs`)),
  metrics: z
    .string()
    .optional()
    .transform((s) => [...new Set((s ?? "").split(",").filter(Boolean))])
    .pipe(z.array(metricKey).max(MAX_COMPARE_METRICS, `at most ${MAX_COMPARE_METRICS} metrics`))
    .transform((list) => (list.length > 0 ? list : [DEFAULT_COMPARE_METRIC])),
  ...chartQueryShape,
  hide: idList,
  diff: z
    .enum(["0", "1"])
    .default("0")
    .transform((v) => v === "1"),
  /** Group the runs by their experiment or a config key (mean ± 95% t-interval per group); absent: none. */
  group: z.union([z.undefined(), groupBySchema]).optional(),
});

export type CompareQuery = z.infer<typeof compareQuerySchema> & {
  /** The first metric (what a single-chart caller draws). */
  metric: string;
};

export function parseCompareQuery(params: Record<string, string | string[] | undefined>) {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  // The URL's `metric` holds the list (comma-separated), so links made before several metrics still read.
  const { metric, ...rest } = flat;
  const parsed = compareQuerySchema.safeParse({ ...rest, metrics: metric });
  if (!parsed.success) return parsed;
  return {
    success: true as const,
    data: { ...parsed.data, metric: parsed.data.metrics[0]! } as CompareQuery,
  };
}

/** Canonical query string; defaults are left out so links stay short. */
export function serialiseCompareQuery(q: CompareQuery): string {
  const params = new URLSearchParams();
  if (q.runs.length > 0) params.set("runs", q.runs.join(","));
  const metrics = q.metrics.length > 0 ? q.metrics : [q.metric];
  if (metrics.join(",") !== DEFAULT_COMPARE_METRIC) params.set("metric", metrics.join(","));
  if (q.x !== "step") params.set("x", q.x);
  if (q.smooth > 0) params.set("smooth", String(q.smooth));
  if (q.log) params.set("log", "1");
  if (q.band) params.set("band", "1");
  if (q.hide.length > 0) params.set("hide", q.hide.join(","));
  if (q.diff) params.set("diff", "1");
  if (q.group) params.set("group", q.group);
  return params.toString();
}
