/**
 * The compare page's whole state lives in its URL so a view can be sent to someone: which runs, which
 * metric, x-axis, smoothing, hidden runs and the "differences only" toggle. One zod schema parses the
 * query (page and route), and serialiseCompareQuery writes it back in a canonical order.
 */
import { z } from "zod";
import { chartQueryShape } from "@/lib/charts/chart-query";

export const MAX_COMPARE_RUNS = 20;
export const DEFAULT_COMPARE_METRIC = "testing/Pass@1";

const idList = z
  .string()
  .optional()
  .transform((s) => (s ? [...new Set(s.split(",").filter(Boolean))] : []))
  .pipe(z.array(z.guid()));

export const compareQuerySchema = z.object({
  runs: idList.pipe(z.array(z.guid()).max(MAX_COMPARE_RUNS, `at most ${MAX_COMPARE_RUNS} runs`)),
  metric: z
    .string()
    .regex(/^(rollout|testing)\/[\w@./-]+$/, "a rollout/… or testing/… metric key")
    .default(DEFAULT_COMPARE_METRIC),
  ...chartQueryShape,
  hide: idList,
  diff: z
    .enum(["0", "1"])
    .default("0")
    .transform((v) => v === "1"),
});

export type CompareQuery = z.infer<typeof compareQuerySchema>;

export function parseCompareQuery(params: Record<string, string | string[] | undefined>) {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return compareQuerySchema.safeParse(flat);
}

/** Canonical query string; defaults are left out so links stay short. */
export function serialiseCompareQuery(q: CompareQuery): string {
  const params = new URLSearchParams();
  if (q.runs.length > 0) params.set("runs", q.runs.join(","));
  if (q.metric !== DEFAULT_COMPARE_METRIC) params.set("metric", q.metric);
  if (q.x !== "step") params.set("x", q.x);
  if (q.smooth > 0) params.set("smooth", String(q.smooth));
  if (q.hide.length > 0) params.set("hide", q.hide.join(","));
  if (q.diff) params.set("diff", "1");
  return params.toString();
}
