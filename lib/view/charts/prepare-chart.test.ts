import { describe, expect, test } from "vitest";
import type { Bucket } from "./downsample";
import {
  attachProgramBand,
  buildChartRows,
  buildSeriesCsv,
  pickDefaultSeries,
  programBandKeys,
  rankMetricKeys,
  sortTooltipRows,
  type ChartSeries,
} from "./prepare-chart";
import { prepareCurve } from "./prepare-curves";
import { NO_POSITIONS } from "./axis-positions";

const bucket = (step: number, last: number): Bucket => ({
  bucket: step,
  step,
  min: last,
  max: last,
  last,
  time: 0,
  samples: 0,
});

describe("top-N selection", () => {
  const keys = [
    "rollout/max_PROGRAM_Pass@1",
    "rollout/avg_PROGRAM_Pass@10",
    "rollout/min_PROGRAM_Pass@1",
    "rollout/avg_PROGRAM_Pass@2",
    "rollout/Agg_Pass@3",
    "rollout/Agg_avg_reward",
    "rollout/avg_question_Pass@1",
    "rollout/x",
  ];
  test("aggregates, then averages, then plain, min/max last; natural order inside a tier", () => {
    expect(rankMetricKeys(keys)).toEqual([
      "rollout/Agg_Pass@3",
      "rollout/Agg_avg_reward",
      "rollout/avg_PROGRAM_Pass@2",
      "rollout/avg_PROGRAM_Pass@10",
      "rollout/avg_question_Pass@1",
      "rollout/x",
      "rollout/max_PROGRAM_Pass@1",
      "rollout/min_PROGRAM_Pass@1",
    ]);
  });
  test("draws at most five by default", () => {
    expect(pickDefaultSeries(rankMetricKeys(keys))).toHaveLength(5);
    expect(pickDefaultSeries(["a", "b"])).toEqual(["a", "b"]);
  });
});

describe("band across programs", () => {
  test("found only when both min and max were logged", () => {
    const all = ["rollout/avg_PROGRAM_Pass@1", "rollout/min_PROGRAM_Pass@1", "rollout/max_PROGRAM_Pass@1"];
    expect(programBandKeys("rollout/avg_PROGRAM_Pass@1", all)).toEqual({
      min: "rollout/min_PROGRAM_Pass@1",
      max: "rollout/max_PROGRAM_Pass@1",
    });
    expect(programBandKeys("rollout/avg_PROGRAM_Pass@1", all.slice(0, 2))).toBeNull();
    expect(programBandKeys("rollout/Agg_Pass@1", all)).toBeNull();
  });
  test("band is min..max at the same step; a step missing one edge has no band", () => {
    const curve = prepareCurve("a", [bucket(0, 0.5), bucket(1, 0.6)], "step", 0, NO_POSITIONS);
    const banded = attachProgramBand(curve, [bucket(0, 0.1), bucket(1, 0.2)], [bucket(0, 0.9)]);
    expect(banded.points[0]!.band).toEqual([0.1, 0.9]);
    expect(banded.points[1]!.band.every(Number.isNaN)).toBe(true);
    const rows = buildChartRows([{ ...banded, label: "a", color: "c" }], { log: false });
    expect(rows[0]!.s0_band).toEqual([0.1, 0.9]);
    expect(rows[1]!.s0_band).toBeNull();
  });
});

describe("EMA and rows", () => {
  const a: ChartSeries = {
    key: "a",
    label: "a",
    color: "c",
    points: prepareCurve("a", [bucket(0, 0), bucket(1, 1), bucket(2, 1)], "step", 0.5, NO_POSITIONS).points,
  };
  test("smoothed value beside the raw one (debiased EMA)", () => {
    expect(a.points.map((p) => p.raw)).toEqual([0, 1, 1]);
    expect(a.points[0]!.value).toBe(0);
    expect(a.points[1]!.value).toBeCloseTo(2 / 3);
    expect(a.points[2]!.value).toBeCloseTo(6 / 7);
  });
  test("series merged on x; log scale drops values ≤ 0", () => {
    const b: ChartSeries = {
      key: "b",
      label: "b",
      color: "d",
      points: [{ x: 2, step: 2, value: 3, raw: 3, band: [3, 3] }],
    };
    const rows = buildChartRows([a, b], { log: true });
    expect(rows.map((r) => r.x)).toEqual([0, 1, 2]);
    expect(rows.map((r) => r.step)).toEqual([0, 1, 2]);
    expect(rows[0]!.s0).toBeNull();
    expect(rows[0]!.s0_raw).toBeNull();
    expect(rows[2]!.s1).toBe(3);
    expect(rows[1]!.s1).toBeUndefined();
    expect(buildChartRows([a], { log: false })[0]!.s0).toBe(0);
  });
});

test("tooltip rows sorted by value, four significant digits, non-numbers left out", () => {
  const rows = sortTooltipRows([
    { label: "low", color: "x", value: 0.1 },
    { label: "high", color: "y", value: 0.66666666666 },
    { label: "gap", color: "z", value: null },
  ]);
  expect(rows.map((r) => [r.label, r.text])).toEqual([
    ["high", "0.6667"],
    ["low", "0.1"],
  ]);
});

test("CSV holds every drawn point at full precision, quoting labels that need it", () => {
  const s: ChartSeries = {
    key: "k",
    label: 'run "a", b',
    color: "c",
    points: [
      { x: 10, step: 1, value: 0.5, raw: 0.33333333333333331, band: [0, 0] },
      { x: 20, step: 2, value: 0.6, raw: 0.7, band: [0, 0] },
    ],
  };
  expect(buildSeriesCsv([s], "step", 0)).toBe(
    `series,step,value\n"run ""a"", b",1,0.3333333333333333\n"run ""a"", b",2,0.7\n`,
  );
  expect(buildSeriesCsv([s], "samples", 0.5).split("\n")[0]).toBe(
    "series,step,samples (cumulative),value,smoothed (EMA 0.5)",
  );
  expect(buildSeriesCsv([s], "samples", 0.5).split("\n")[1]).toBe(
    `"run ""a"", b",1,10,0.3333333333333333,0.5`,
  );
});
