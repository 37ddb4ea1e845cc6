import { expect, test } from "vitest";
import { prepareGroupChart } from "./prepare-group-chart";

test("rows merge every group's mean, band and run values by x", () => {
  const { rows, series } = prepareGroupChart(
    [
      {
        label: "crossover_prob=0",
        curves: {
          m: [
            { x: 2, n: 2, mean: 0.5, lower: 0.3, upper: 0.7, sd: 0.1 },
            { x: 5, n: 1, mean: 0.6, lower: null, upper: null, sd: null },
          ],
        },
        runs: [{ id: "a", seed: 1, points: { m: [{ x: 5, y: 0.6 }] } }],
      },
      {
        label: "other",
        curves: { m: [{ x: 2, n: 1, mean: 0.1, lower: null, upper: null, sd: null }] },
        runs: [],
      },
    ],
    "m",
  );
  expect(series).toEqual([
    { label: "crossover_prob=0", meanKey: "g0", bandKey: "g0band", runKeys: [{ key: "g0r0", seed: 1 }] },
    { label: "other", meanKey: "g1", bandKey: "g1band", runKeys: [] },
  ]);
  expect(rows).toEqual([
    { x: 2, g0: 0.5, g0band: [0.3, 0.7], g1: 0.1 },
    { x: 5, g0: 0.6, g0r0: 0.6 },
  ]);
});
