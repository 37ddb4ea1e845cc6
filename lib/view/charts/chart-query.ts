/**
 * The chart settings a URL carries (run page and comparison), so a view someone sends shows the same
 * axis, smoothing, y scale and band. One schema, shared by both pages' queries.
 */
import { z } from "zod";
import { X_AXES } from "./axis-positions";

const flag = z
  .enum(["0", "1"])
  .default("0")
  .transform((v) => v === "1");

export const chartQueryShape = {
  x: z.enum(X_AXES).default("step"),
  smooth: z.coerce.number().min(0).max(0.99).default(0),
  /** Logarithmic y axis. */
  log: flag,
  /** Min/max band across programs around the per-program average. */
  band: flag,
};

export const chartQuerySchema = z.object(chartQueryShape);
export type ChartQuery = z.infer<typeof chartQuerySchema>;

/** Reads the settings from search params; an invalid value falls back to its default, field by field. */
export function parseChartQuery(params: URLSearchParams): ChartQuery {
  const x = chartQueryShape.x.safeParse(params.get("x") ?? undefined);
  const smooth = chartQueryShape.smooth.safeParse(params.get("smooth") ?? undefined);
  const log = chartQueryShape.log.safeParse(params.get("log") ?? undefined);
  const band = chartQueryShape.band.safeParse(params.get("band") ?? undefined);
  return {
    x: x.success ? x.data : "step",
    smooth: smooth.success ? smooth.data : 0,
    log: log.success ? log.data : false,
    band: band.success ? band.data : false,
  };
}

/** Writes the settings into `params` (defaults left out, so links stay short). */
export function writeChartQuery(params: URLSearchParams, query: ChartQuery): URLSearchParams {
  for (const k of ["x", "smooth", "log", "band"]) params.delete(k);
  if (query.x !== "step") params.set("x", query.x);
  if (query.smooth > 0) params.set("smooth", String(query.smooth));
  if (query.log) params.set("log", "1");
  if (query.band) params.set("band", "1");
  return params;
}
