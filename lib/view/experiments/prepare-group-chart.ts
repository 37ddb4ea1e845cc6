/**
 * Rows for the aggregate-curve chart of one metric: at each x, every group's mean, its 95% band
 * [lower, upper] and every run's own value (drawn faint). Keys are positional (g0, g0r1, …) so labels
 * with any characters never become object paths for the chart library.
 */
import type { GroupCurves } from "./prepare-groups";

export interface GroupChartSeries {
  label: string;
  meanKey: string;
  bandKey: string;
  runKeys: { key: string; seed: number }[];
}

export type GroupChartRow = { x: number } & Record<string, number | [number, number] | undefined>;

export function prepareGroupChart(
  groups: readonly GroupCurves[],
  metric: string,
): { rows: GroupChartRow[]; series: GroupChartSeries[] } {
  const byX = new Map<number, GroupChartRow>();
  const row = (x: number) => byX.get(x) ?? byX.set(x, { x }).get(x)!;
  const series = groups.map((group, g): GroupChartSeries => {
    const meanKey = `g${g}`;
    const bandKey = `g${g}band`;
    for (const p of group.curves[metric] ?? []) {
      const r = row(p.x);
      r[meanKey] = p.mean;
      if (p.lower !== null && p.upper !== null) r[bandKey] = [p.lower, p.upper];
    }
    const runKeys = group.runs.map((run, i) => {
      const key = `g${g}r${i}`;
      for (const p of run.points[metric] ?? []) row(p.x)[key] = p.y;
      return { key, seed: run.seed };
    });
    return { label: group.label, meanKey, bandKey, runKeys };
  });
  return { rows: [...byX.values()].sort((a, b) => a.x - b.x), series };
}
