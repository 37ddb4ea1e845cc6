/**
 * The chart settings a URL carries (run page and comparison), so a view someone sends shows the same
 * axis and smoothing. One schema, shared by both pages' queries.
 */
import { z } from "zod";
import { X_AXES } from "./prepare-curves";

export const chartQueryShape = {
  x: z.enum(X_AXES).default("step"),
  smooth: z.coerce.number().min(0).max(0.99).default(0),
};

export const chartQuerySchema = z.object(chartQueryShape);
export type ChartQuery = z.infer<typeof chartQuerySchema>;

/** Reads the settings from search params; an invalid value falls back to its default, field by field. */
export function parseChartQuery(params: URLSearchParams): ChartQuery {
  const x = chartQueryShape.x.safeParse(params.get("x") ?? undefined);
  const smooth = chartQueryShape.smooth.safeParse(params.get("smooth") ?? undefined);
  return { x: x.success ? x.data : "step", smooth: smooth.success ? smooth.data : 0 };
}

/** Writes the settings into `params` (defaults left out, so links stay short). */
export function writeChartQuery(params: URLSearchParams, query: ChartQuery): URLSearchParams {
  params.delete("x");
  params.delete("smooth");
  if (query.x !== "step") params.set("x", query.x);
  if (query.smooth > 0) params.set("smooth", String(query.smooth));
  return params;
}
