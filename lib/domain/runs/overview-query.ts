/**
 * The query of /api/runs/[runId]/overview: which series, how many points and from which step the run
 * page wants. The defaults are what its default panels draw: the charted keys (train and test success),
 * at about one point per two pixels of a chart in the page's two-column grid, and everything.
 */
import { z } from "zod";

/** Buckets per series the run page asks for: its charts are about 500 px wide. */
export const OVERVIEW_POINTS = 200;
const MAX_POINTS = 1000;

export const overviewQuerySchema = z.object({
  /** Comma-separated metric keys, e.g. `testing/Pass@1,rollout/Agg_avg_reward`. */
  metrics: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",") : null))
    .pipe(
      z
        .array(
          z
            .string()
            .min(1, "a metric name is empty")
            .max(200, "a metric name is longer than 200 characters")
            .regex(/^[\x20-\x7e]+$/, "a metric name has characters other than printable ASCII"),
        )
        .max(50, "at most 50 metrics at a time")
        .nullable(),
    ),
  points: z.coerce
    .number()
    .int("points must be a whole number")
    .min(10, "points must be at least 10")
    .max(MAX_POINTS, `points must be at most ${MAX_POINTS}`)
    .default(OVERVIEW_POINTS),
  /** The last step the caller already holds: only later buckets and events come back. */
  sinceStep: z.coerce
    .number()
    .int("sinceStep must be a whole number")
    .min(-1, "sinceStep must be -1 or more")
    .max(2_147_483_647)
    .optional(),
  /** "compact": the column form of lib/view/runs/overview-wire.ts (the run page's); else plain JSON. */
  format: z.enum(["json", "compact"], "format must be json or compact").default("json"),
});

export type OverviewQuery = z.infer<typeof overviewQuerySchema>;

/** The query string the run page's hook sends. */
export function writeOverviewQuery(
  query: Partial<{ metrics: string[]; points: number; sinceStep: number; format: "json" | "compact" }>,
) {
  const params = new URLSearchParams();
  if (query.format) params.set("format", query.format);
  if (query.metrics) params.set("metrics", query.metrics.join(","));
  if (query.points !== undefined) params.set("points", String(query.points));
  if (query.sinceStep !== undefined) params.set("sinceStep", String(query.sinceStep));
  return params.toString();
}
