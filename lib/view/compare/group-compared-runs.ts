/**
 * The compare view's grouping (W&B-style): the picked runs split by their experiment or by a config
 * key, and per group the mean with its 95% Student-t interval, each run one unit: of every final
 * metric, and of every charted metric at each aligned step (the runs share one bucket width, so bucket
 * b of every run ends at the same step). The statistics and the config-key split are the experiment
 * page's (lib/view/experiments); only "by experiment", which that page has no use for, is added here.
 */
import type { Bucket } from "@/lib/view/charts/downsample";
import { splitIntoGroups, type GroupCurves } from "@/lib/view/experiments/prepare-groups";
import { aggregateAligned, computeMeanInterval, type MeanInterval } from "@/lib/view/experiments/statistics";

export interface GroupableRun {
  id: string;
  name: string;
  status: string;
  config: unknown;
  experiment: { id: string; name: string } | null;
  seriesByMetric: Record<string, Bucket[]>;
  finalMetrics: Record<string, number>;
}

export interface ComparedGroup {
  label: string;
  runIds: string[];
  /** Per final metric key: mean ± 95% t-interval over the group's runs that logged it. */
  finals: Record<string, MeanInterval | null>;
}

export const NO_EXPERIMENT = "no experiment";

function seedOf(config: Record<string, unknown>): number {
  return typeof config.seed === "number" ? config.seed : 0;
}

function splitByExperiment(runs: readonly GroupableRun[]): { label: string; runs: GroupableRun[] }[] {
  const groups = new Map<string, { label: string; runs: GroupableRun[] }>();
  for (const run of runs) {
    const key = run.experiment?.id ?? "";
    const group =
      groups.get(key) ??
      groups.set(key, { label: run.experiment?.name ?? NO_EXPERIMENT, runs: [] }).get(key)!;
    group.runs.push(run);
  }
  return [...groups.values()];
}

export function groupComparedRuns(
  runs: readonly GroupableRun[],
  by: string,
  metrics: readonly string[],
  finalKeys: readonly string[],
  bucketWidth: number,
): { groups: ComparedGroup[]; curves: GroupCurves[] } {
  const configOf = (run: GroupableRun) => (run.config ?? {}) as Record<string, unknown>;
  const split =
    by === "experiment"
      ? splitByExperiment(runs)
      : (() => {
          const byId = new Map(runs.map((r) => [r.id, r]));
          const inputs = runs.map((r) => ({
            id: r.id,
            name: r.name,
            seed: seedOf(configOf(r)),
            status: r.status,
            config: configOf(r),
          }));
          return splitIntoGroups(inputs, by).map((g) => ({
            label: g.label,
            runs: g.runs.map((r) => byId.get(r.id)!),
          }));
        })();
  // A bucket's x is its last step, as on the experiment page.
  const aligned = (run: GroupableRun, metric: string) =>
    (run.seriesByMetric[metric] ?? []).map((b) => ({ x: (b.bucket + 1) * bucketWidth - 1, y: b.last }));
  return {
    groups: split.map((group) => ({
      label: group.label,
      runIds: group.runs.map((r) => r.id),
      finals: Object.fromEntries(
        finalKeys.map((key) => [
          key,
          computeMeanInterval(group.runs.flatMap((r) => r.finalMetrics[key] ?? [])),
        ]),
      ),
    })),
    curves: split.map((group) => ({
      label: group.label,
      curves: Object.fromEntries(
        metrics.map((metric) => [metric, aggregateAligned(group.runs.map((r) => aligned(r, metric)))]),
      ),
      runs: group.runs.map((r) => ({
        id: r.id,
        seed: seedOf(configOf(r)),
        points: Object.fromEntries(metrics.map((metric) => [metric, aligned(r, metric)])),
      })),
    })),
  };
}
