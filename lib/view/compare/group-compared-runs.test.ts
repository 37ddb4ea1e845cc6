import { describe, expect, test } from "vitest";
import type { Bucket } from "@/lib/view/charts/downsample";
import { computeMeanInterval } from "@/lib/view/experiments/statistics";
import { groupComparedRuns, NO_EXPERIMENT, type GroupableRun } from "./group-compared-runs";

const bucket = (index: number, last: number): Bucket => ({
  bucket: index,
  step: index * 2 + 1,
  min: last,
  max: last,
  last,
  time: 0,
  samples: 0,
});

function run(
  id: string,
  config: Record<string, unknown>,
  experiment: GroupableRun["experiment"],
  values: number[],
): GroupableRun {
  return {
    id,
    name: id,
    status: "completed",
    config,
    experiment,
    seriesByMetric: { "testing/Pass@1": values.map((v, i) => bucket(i, v)) },
    finalMetrics: { "testing/Pass@1": values.at(-1)! },
  };
}

const expA = { id: "e1", name: "A" };
const runs = [
  run("r1", { seed: 1, crossover_prob: 0 }, expA, [0.1, 0.3]),
  run("r2", { seed: 2, crossover_prob: 0.5 }, expA, [0.2, 0.5]),
  run("r3", { seed: 1, crossover_prob: 0.5 }, null, [0.4]),
];

describe("groupComparedRuns", () => {
  test("by experiment: one group per experiment, runs of none together", () => {
    const { groups } = groupComparedRuns(runs, "experiment", ["testing/Pass@1"], ["testing/Pass@1"], 2);
    expect(groups.map((g) => [g.label, g.runIds])).toEqual([
      ["A", ["r1", "r2"]],
      [NO_EXPERIMENT, ["r3"]],
    ]);
    // Mean of the finals 0.3 and 0.5 with the 95% t-interval of n = 2 (t = 12.706).
    const final = groups[0]!.finals["testing/Pass@1"]!;
    expect(final.mean).toBeCloseTo(0.4, 12);
    expect(final.upper! - final.mean).toBeCloseTo((12.7062047 * Math.SQRT2 * 0.1) / Math.SQRT2, 5);
    expect(groups[1]!.finals["testing/Pass@1"]).toEqual(computeMeanInterval([0.4]));
  });

  test("by a config key: the experiment page's split; curves aligned at each bucket's last step", () => {
    const { groups, curves } = groupComparedRuns(
      runs,
      "crossover_prob",
      ["testing/Pass@1"],
      ["testing/Pass@1"],
      2,
    );
    expect(groups.map((g) => [g.label, g.runIds])).toEqual([
      ["crossover_prob=0", ["r1"]],
      ["crossover_prob=0.5", ["r2", "r3"]],
    ]);
    const points = curves[1]!.curves["testing/Pass@1"]!;
    // Bucket 0 ends at step 1 (both runs: 0.2, 0.4); bucket 1 at step 3 (only r2 got there).
    expect(points.map((p) => [p.x, p.n])).toEqual([
      [1, 2],
      [3, 1],
    ]);
    expect(points[0]!.mean).toBeCloseTo(0.3, 12);
    expect(curves[1]!.runs.map((r) => r.seed)).toEqual([2, 1]);
  });
});
