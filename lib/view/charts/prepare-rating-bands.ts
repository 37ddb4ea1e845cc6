/**
 * μ with ±kσ bands over steps for the chosen programs, as rows for one Recharts chart. A rating holds
 * from one update to the next (step shape); a program's series starts at its birth with its prior (μ/σ
 * before its first update) and ends at its eviction or the run's last step. Outside that span it is
 * null, so lines and bands do not run across steps where the program did not exist.
 */
import type { RatingHistory } from "@/lib/view/lineage/types";
import { assignProgramColors } from "./series-colors";

export interface BandSeries {
  id: number;
  muKey: string;
  bandKey: string;
  colour: string;
}

export type BandRow = { step: number } & Record<string, number | [number, number] | null>;

export function prepareRatingBands(
  histories: readonly RatingHistory[],
  k: number,
  lastStep: number,
  /** μ/σ to use for a program never rated (its prior is its current rating). */
  fallback: ReadonlyMap<number, { mu: number; sigma: number }> = new Map(),
): { rows: BandRow[]; series: BandSeries[] } {
  const timelines = histories.map((h) => {
    const first = h.points[0];
    const prior = first
      ? { mu: first.muBefore, sigma: first.sigmaBefore }
      : (fallback.get(h.id) ?? { mu: Number.NaN, sigma: Number.NaN });
    const start = Math.max(-1, h.birthStep);
    const end = h.evictedAtStep ?? lastStep;
    const points = [
      { step: start, ...prior },
      ...h.points.map((p) => ({ step: p.step, mu: p.mu, sigma: p.sigma })),
    ];
    return { id: h.id, start, end, points };
  });
  const steps = new Set<number>();
  for (const t of timelines) {
    for (const p of t.points) steps.add(p.step);
    steps.add(t.end);
  }
  const sorted = [...steps].sort((a, b) => a - b);
  const colors = assignProgramColors(timelines.map((t) => t.id));
  const series = timelines.map((t) => ({
    id: t.id,
    muKey: `mu_${t.id}`,
    bandKey: `band_${t.id}`,
    // By id (its home colour unless a lower drawn id holds it), so it matches the other views.
    colour: colors.get(t.id)!,
  }));
  const cursor = timelines.map(() => 0);
  const rows = sorted.map((step) => {
    const row: BandRow = { step };
    timelines.forEach((t, i) => {
      const s = series[i]!;
      if (step < t.start || step > t.end) {
        row[s.muKey] = null;
        row[s.bandKey] = null;
        return;
      }
      while (cursor[i]! + 1 < t.points.length && t.points[cursor[i]! + 1]!.step <= step) cursor[i]! += 1;
      const p = t.points[cursor[i]!]!;
      const ok = Number.isFinite(p.mu) && Number.isFinite(p.sigma);
      row[s.muKey] = ok ? p.mu : null;
      row[s.bandKey] = ok ? [p.mu - k * p.sigma, p.mu + k * p.sigma] : null;
    });
    return row;
  });
  return { rows, series };
}

/** The drawn programs' μ and μ ± kσ per step as CSV (steps where a program did not exist left out). */
export function buildRatingBandsCsv(
  rows: readonly BandRow[],
  series: readonly BandSeries[],
  k: number,
): string {
  const lines = [`program,step,mu,mu - ${k} sigma,mu + ${k} sigma`];
  for (const s of series) {
    for (const row of rows) {
      const mu = row[s.muKey];
      const band = row[s.bandKey];
      if (typeof mu !== "number" || !Array.isArray(band)) continue;
      lines.push([s.id, row.step, mu, band[0], band[1]].join(","));
    }
  }
  return `${lines.join("\n")}\n`;
}
