/**
 * A group read's pure half: runs split into groups (the whole experiment, the settings that differ
 * between its runs, or any one config key), each run's final and best value of every test Pass@k, and
 * per group the mean ± 95% t-interval of those and of the aligned curves. The server fetches the rows
 * (lib/server/read/experiment-groups.ts); everything computed from them is here, unit-tested.
 */
import { compareMetricKeys, sortMetricKeys } from "@/lib/domain/metrics/metric-order";
import {
  computeMeanInterval,
  intervalFromMoments,
  computePairedDifference,
  type AggregatePoint,
  type AlignedPoint,
  type MeanInterval,
  type PairedDifference,
} from "./statistics";

/** "experiment": one group; "settings": by every config key (but the seed) that differs; else a key. */
export type GroupBy = "experiment" | "settings" | (string & {});

export interface GroupRunInput {
  id: string;
  name: string;
  seed: number;
  status: string;
  config: Record<string, unknown>;
}

export interface RunValues {
  final: number;
  best: number;
}

export interface GroupMetric {
  final: MeanInterval | null;
  best: MeanInterval | null;
}

export interface ResultsGroup {
  label: string;
  settings: Record<string, unknown>;
  runIds: string[];
  seeds: number[];
  metrics: Record<string, GroupMetric>;
}

export interface GroupDifference {
  group: string;
  baseline: string;
  metric: string;
  kind: "final" | "best";
  difference: PairedDifference | null;
}

export interface ResultsTable {
  by: GroupBy;
  /** testing/Pass@k keys any run logged, Pass@1 first. */
  metricKeys: string[];
  groups: ResultsGroup[];
  /** Each group against the first, matched by seed. */
  differences: GroupDifference[];
  /** Every run's own values, which the group figures are computed from. */
  runs: (GroupRunInput & { group: string; values: Record<string, RunValues> })[];
}

export interface GroupCurves {
  label: string;
  /** Per metric: mean, lower, upper and n at each aligned x. */
  curves: Record<string, AggregatePoint[]>;
  /** Per run (faint lines): its own points. */
  runs: { id: string; seed: number; points: Record<string, AlignedPoint[]> }[];
}

const PASS_AT_K = /^testing\/Pass@\d+$/;

export function isTestPassKey(key: string): boolean {
  return PASS_AT_K.test(key);
}

function formatValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The config keys (but the seed) whose values are not all equal across the runs. */
export function findVaryingKeys(runs: readonly GroupRunInput[]): string[] {
  const keys = new Set(runs.flatMap((r) => Object.keys(r.config)));
  keys.delete("seed");
  return [...keys].filter((key) => new Set(runs.map((r) => formatValue(r.config[key]))).size > 1).sort();
}

/** Groups in natural order of their labels; the label names the settings ("crossover_prob=0.5") or "all runs". */
export function splitIntoGroups(
  runs: readonly GroupRunInput[],
  by: GroupBy,
): { label: string; settings: Record<string, unknown>; runs: GroupRunInput[] }[] {
  const keys = by === "experiment" ? [] : by === "settings" ? findVaryingKeys(runs) : [by];
  const groups = new Map<
    string,
    { label: string; settings: Record<string, unknown>; runs: GroupRunInput[] }
  >();
  for (const run of runs) {
    const settings = Object.fromEntries(keys.map((key) => [key, run.config[key] ?? null]));
    const label =
      keys.length === 0 ? "all runs" : keys.map((key) => `${key}=${formatValue(settings[key])}`).join(", ");
    const group = groups.get(label);
    if (group) group.runs.push(run);
    else groups.set(label, { label, settings, runs: [run] });
  }
  // In natural order of the labels ("batch_size=2" before "batch_size=10"), whatever order the runs came in.
  return [...groups.values()].sort((a, b) => compareMetricKeys(a.label, b.label));
}

/** The table from each run's final and best per key (runs without a value for a key are left out of it). */
export function buildResultsTable(
  runs: readonly GroupRunInput[],
  runValues: ReadonlyMap<string, Record<string, RunValues>>,
  by: GroupBy,
): ResultsTable {
  const values = new Map(runs.map((r) => [r.id, runValues.get(r.id) ?? {}]));
  const metricKeys = sortMetricKeys(
    new Set([...values.values()].flatMap((v) => Object.keys(v).filter(isTestPassKey))),
  );
  const split = splitIntoGroups(runs, by);
  const groups: ResultsGroup[] = split.map((group) => {
    const metrics: Record<string, GroupMetric> = {};
    for (const key of metricKeys) {
      const own = group.runs.flatMap((r) => values.get(r.id)?.[key] ?? []);
      metrics[key] = {
        final: computeMeanInterval(own.map((v) => v.final)),
        best: computeMeanInterval(own.map((v) => v.best)),
      };
    }
    return {
      label: group.label,
      settings: group.settings,
      runIds: group.runs.map((r) => r.id),
      seeds: group.runs.map((r) => r.seed).sort((a, b) => a - b),
      metrics,
    };
  });
  const differences: GroupDifference[] = [];
  const [baseline, ...others] = split;
  for (const group of baseline ? others : [])
    for (const metric of metricKeys)
      for (const kind of ["final", "best"] as const) {
        const bySeed = (g: typeof group) =>
          new Map(
            g.runs.flatMap((r) => {
              const v = values.get(r.id)?.[metric];
              return v ? [[r.seed, v[kind]] as [number, number]] : [];
            }),
          );
        differences.push({
          group: group.label,
          baseline: baseline!.label,
          metric,
          kind,
          difference: computePairedDifference(bySeed(group), bySeed(baseline!)),
        });
      }
  const groupOf = new Map(split.flatMap((g) => g.runs.map((r) => [r.id, g.label] as const)));
  return {
    by,
    metricKeys,
    groups,
    differences,
    runs: runs.map((r) => ({ ...r, group: groupOf.get(r.id)!, values: values.get(r.id)! })),
  };
}

export interface MomentsRow {
  group: number;
  key: string;
  bucket: number;
  n: number;
  mean: number;
  sd: number | null;
}

export interface LineRow {
  runId: string;
  key: string;
  bucket: number;
  last: number;
}

/**
 * Per group and key, the mean curve with its interval at each bucket (x from `xOf`), from the count,
 * mean and standard deviation across the group's runs; and each run's own (thinned) line.
 */
export function buildGroupCurves(
  groups: readonly { label: string; runs: readonly { id: string; seed: number }[] }[],
  moments: readonly MomentsRow[],
  lines: readonly LineRow[],
  keys: readonly string[],
  xOf: (bucket: number) => number,
): GroupCurves[] {
  const curves = groups.map(() => Object.fromEntries(keys.map((key) => [key, [] as AggregatePoint[]])));
  for (const row of moments) {
    const target = curves[row.group]?.[row.key];
    if (target) target.push({ x: xOf(row.bucket), ...intervalFromMoments(row.n, row.mean, row.sd) });
  }
  for (const byKey of curves) for (const points of Object.values(byKey)) points.sort((a, b) => a.x - b.x);
  const own = new Map<string, Record<string, AlignedPoint[]>>();
  for (const row of lines) {
    const points = own.get(row.runId) ?? own.set(row.runId, {}).get(row.runId)!;
    (points[row.key] ??= []).push({ x: xOf(row.bucket), y: row.last });
  }
  for (const byKey of own.values())
    for (const points of Object.values(byKey)) points.sort((a, b) => a.x - b.x);
  return groups.map((group, index) => ({
    label: group.label,
    curves: curves[index]!,
    runs: group.runs.map((r) => ({ id: r.id, seed: r.seed, points: own.get(r.id) ?? {} })),
  }));
}
