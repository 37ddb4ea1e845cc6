/**
 * Pure preparation shared by every line chart (run overview panels, comparison): which series are drawn
 * by default, the rows Recharts draws (series merged on x, log-safe), the min/max band across programs,
 * tooltip rows and the CSV of what is drawn. Components only render what these return.
 */
import { compareMetricKeys } from "@/lib/domain/metrics/metric-order";
import type { Bucket } from "./downsample";
import { X_AXIS_LABEL, type XAxis } from "./axis-positions";
import type { Curve, CurvePoint } from "./prepare-curves";
import { formatSignificant } from "./format-number";

/** How many series a chart draws before the reader asks for all of them. */
export const DEFAULT_VISIBLE = 5;

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
  points: CurvePoint[];
  /** Whether `points[].band` carries a band worth drawing (min/max across programs). */
  hasBand?: boolean;
}

/**
 * Headline order of metric keys: aggregates first, then per-program averages, then plain metrics,
 * and the min/max edges (drawn as a band around their average) last; natural order within each tier.
 */
export function rankMetricKeys(keys: readonly string[]): string[] {
  const tier = (key: string) => {
    const name = key.slice(key.indexOf("/") + 1);
    if (name.startsWith("Agg_")) return 0;
    if (name.startsWith("avg_")) return 1;
    if (name.startsWith("min_") || name.startsWith("max_")) return 3;
    return 2;
  };
  return [...keys].sort((a, b) => tier(a) - tier(b) || compareMetricKeys(a, b));
}

/** The series drawn until the reader picks: the first `n` in ranked order. */
export function pickDefaultSeries(ranked: readonly string[], n: number = DEFAULT_VISIBLE): string[] {
  return ranked.slice(0, n);
}

/** For `…/avg_PROGRAM_X`, the min and max keys across programs when the run logged both; else null. */
export function programBandKeys(
  key: string,
  available: readonly string[],
): { min: string; max: string } | null {
  const match = /^(.*\/)avg_(PROGRAM_.+)$/.exec(key);
  if (!match) return null;
  const min = `${match[1]}min_${match[2]}`;
  const max = `${match[1]}max_${match[2]}`;
  return available.includes(min) && available.includes(max) ? { min, max } : null;
}

/** A curve's band replaced by the min..max across programs at the same step (points without both dropped from the band). */
export function attachProgramBand(
  curve: Curve,
  minBuckets: readonly Bucket[],
  maxBuckets: readonly Bucket[],
): Curve & { hasBand: true } {
  const lo = new Map(minBuckets.map((b) => [b.step, b.last]));
  const hi = new Map(maxBuckets.map((b) => [b.step, b.last]));
  const points = curve.points.map((p) => {
    const l = lo.get(p.step);
    const h = hi.get(p.step);
    return {
      ...p,
      band: (l !== undefined && h !== undefined ? [l, h] : [Number.NaN, Number.NaN]) as [number, number],
    };
  });
  return { ...curve, points, hasBand: true };
}

export type ChartRow = { x: number } & Record<string, number | [number, number] | null>;

/** Recharts data keys of series i (indices, since metric keys may hold dots that Recharts reads as paths). */
export const rowKeys = (i: number) => ({ value: `s${i}`, raw: `s${i}_raw`, band: `s${i}_band` });

/**
 * One row per distinct x with each series' smoothed value, raw value and band; a series without a
 * point at that x has null there. On a log axis values ≤ 0 have no position and become null.
 */
export function buildChartRows(series: readonly ChartSeries[], opts: { log: boolean }): ChartRow[] {
  const rows = new Map<number, ChartRow>();
  const ok = (v: number) => Number.isFinite(v) && (!opts.log || v > 0);
  series.forEach((s, i) => {
    const k = rowKeys(i);
    for (const p of s.points) {
      let row = rows.get(p.x);
      if (!row) {
        // The step rides along for the tooltip (the x may be samples, tokens or seconds).
        row = { x: p.x, step: p.step } as ChartRow;
        rows.set(p.x, row);
      }
      row[k.value] = ok(p.value) ? p.value : null;
      row[k.raw] = ok(p.raw) ? p.raw : null;
      if (s.hasBand) row[k.band] = ok(p.band[0]) && ok(p.band[1]) ? p.band : null;
    }
  });
  return [...rows.values()].sort((a, b) => a.x - b.x);
}

export interface TooltipRow {
  label: string;
  color: string;
  value: number;
  text: string;
}

/** Tooltip rows, highest value first, each at most four significant digits. */
export function sortTooltipRows(
  entries: readonly { label: string; color: string; value: unknown }[],
): TooltipRow[] {
  return entries
    .filter(
      (e): e is { label: string; color: string; value: number } =>
        typeof e.value === "number" && Number.isFinite(e.value),
    )
    .map((e) => ({ ...e, text: formatSignificant(e.value) }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The drawn series as CSV, one row per point: series, step, the x-axis position (when it is not the
 * step), the stored value at full precision and, when smoothing is on, the smoothed value.
 */
export function buildSeriesCsv(series: readonly ChartSeries[], axis: XAxis, smoothing: number): string {
  const header = ["series", "step"];
  if (axis !== "step") header.push(X_AXIS_LABEL[axis]);
  header.push("value");
  if (smoothing > 0) header.push(`smoothed (EMA ${smoothing})`);
  const lines = [header.map(csvField).join(",")];
  for (const s of series) {
    for (const p of s.points) {
      const row = [s.label, String(p.step)];
      if (axis !== "step") row.push(String(p.x));
      row.push(String(p.raw));
      if (smoothing > 0) row.push(String(p.value));
      lines.push(row.map(csvField).join(","));
    }
  }
  return `${lines.join("\n")}\n`;
}
