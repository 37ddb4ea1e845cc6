import { describe, expect, test } from "vitest";
import { formatResultsCsv, formatResultsLatex, formatResultsMarkdown } from "./format-results";
import {
  buildGroupCurves,
  buildResultsTable,
  findVaryingKeys,
  splitIntoGroups,
  type GroupRunInput,
  type RunValues,
} from "./prepare-groups";

const run = (id: string, seed: number, crossover: number): GroupRunInput => ({
  id,
  name: id,
  seed,
  status: "completed",
  config: { crossover_prob: crossover, batch_size: 4, seed },
});

const RUNS = [run("a1", 1, 0), run("a2", 2, 0), run("b1", 1, 0.5), run("b2", 2, 0.5), run("b3", 3, 0.5)];

const pass1 = (final: number, best: number): Record<string, RunValues> => ({
  "testing/Pass@1": { final, best },
  "rollout/Agg_avg_reward": { final: 0.3, best: 0.3 },
});

const VALUES = new Map([
  ["a1", pass1(0.4, 0.5)],
  ["a2", pass1(0.6, 0.6)],
  ["b1", pass1(0.5, 0.5)],
  ["b2", pass1(0.8, 0.9)],
  ["b3", pass1(0.5, 0.7)],
]);

describe("grouping", () => {
  test("by the settings that differ, by one key, or all together", () => {
    expect(findVaryingKeys(RUNS)).toEqual(["crossover_prob"]);
    expect(splitIntoGroups(RUNS, "settings").map((g) => [g.label, g.runs.length])).toEqual([
      ["crossover_prob=0", 2],
      ["crossover_prob=0.5", 3],
    ]);
    expect(splitIntoGroups(RUNS, "batch_size").map((g) => g.label)).toEqual(["batch_size=4"]);
    expect(splitIntoGroups(RUNS, "experiment").map((g) => g.label)).toEqual(["all runs"]);
  });
});

describe("buildResultsTable", () => {
  const table = buildResultsTable(RUNS, VALUES, "settings");

  test("only test Pass@k keys are table columns", () => {
    expect(table.metricKeys).toEqual(["testing/Pass@1"]);
  });

  test("group means and intervals, by hand", () => {
    const [a, b] = table.groups;
    // Group a: finals 0.4 and 0.6: mean 0.5, s = 0.1414214, half = 12.7062047 · 0.1 = 1.2706205.
    expect(a!.metrics["testing/Pass@1"]!.final).toMatchObject({ n: 2 });
    expect(a!.metrics["testing/Pass@1"]!.final!.mean).toBeCloseTo(0.5, 12);
    expect(a!.metrics["testing/Pass@1"]!.final!.upper).toBeCloseTo(0.5 + 1.2706205, 6);
    // Group b: bests 0.5, 0.9, 0.7: mean 0.7, s = 0.2, half = 4.3026527 · 0.2 / √3 = 0.4968275.
    expect(b!.metrics["testing/Pass@1"]!.best!.mean).toBeCloseTo(0.7, 12);
    expect(b!.metrics["testing/Pass@1"]!.best!.lower).toBeCloseTo(0.7 - 0.4968275, 6);
    expect(b!.seeds).toEqual([1, 2, 3]);
  });

  test("the paired difference uses only the seeds both groups ran", () => {
    const final = table.differences.find((d) => d.kind === "final")!;
    expect(final).toMatchObject({ group: "crossover_prob=0.5", baseline: "crossover_prob=0" });
    // Seeds 1 and 2: 0.5 − 0.4 = 0.1, 0.8 − 0.6 = 0.2.
    expect(final.difference!.seeds).toEqual([1, 2]);
    expect(final.difference!.mean).toBeCloseTo(0.15, 12);
  });

  test("exports: CSV rows at full precision, Markdown and LaTeX cells as mean ± half-width", () => {
    const csv = formatResultsCsv(table).trim().split("\n");
    expect(csv[0]).toBe("group,metric,kind,n,mean,lower,upper,sd");
    expect(csv).toHaveLength(1 + 2 * 2);
    expect(csv[1]).toMatch(/^crossover_prob=0,testing\/Pass@1,final,2,0\.5,/);
    const md = formatResultsMarkdown(table);
    expect(md).toContain("| group | n | final Pass@1 | best Pass@1 |");
    // Finals 0.5, 0.8, 0.5: s = √0.03, half = 4.3026527 · 0.1732051 / √3 = 0.4302653.
    expect(md).toContain("| crossover_prob=0.5 | 3 | 0.600 ± 0.430 | 0.700 ± 0.497 |");
    const tex = formatResultsLatex(table);
    expect(tex).toContain("crossover\\_prob=0.5 & 3 & $0.600 \\pm 0.430$ & $0.700 \\pm 0.497$ \\\\");
    expect(tex).toMatch(/^\\begin\{tabular\}\{lrrr\}/);
  });
});

describe("buildGroupCurves", () => {
  test("per group, the interval from the database's count, mean and sd at each x, and each run's line", () => {
    const groups = splitIntoGroups(RUNS, "settings");
    const [a, b] = buildGroupCurves(
      groups,
      [
        { group: 0, key: "testing/Pass@1", bucket: 1, n: 2, mean: 0.5, sd: 0.1 },
        { group: 0, key: "testing/Pass@1", bucket: 0, n: 2, mean: 0.2, sd: null },
        { group: 1, key: "testing/Pass@1", bucket: 0, n: 1, mean: 0.4, sd: null },
        { group: 1, key: "other", bucket: 0, n: 1, mean: 0.4, sd: null },
      ],
      [
        { runId: "a1", key: "testing/Pass@1", bucket: 1, last: 0.6 },
        { runId: "a1", key: "testing/Pass@1", bucket: 0, last: 0.1 },
      ],
      ["testing/Pass@1"],
      (bucket) => bucket * 10 + 9,
    );
    const curve = a!.curves["testing/Pass@1"]!;
    expect(curve.map((p) => [p.x, p.n])).toEqual([
      [9, 2],
      [19, 2],
    ]);
    // s = 0.1 over two runs: half-width t(1) · 0.1 / √2.
    expect(curve[1]!.upper! - 0.5).toBeCloseTo((12.7062047 * 0.1) / Math.sqrt(2), 6);
    expect(b!.curves).toEqual({
      "testing/Pass@1": [{ x: 9, n: 1, mean: 0.4, lower: null, upper: null, sd: null }],
    });
    expect(a!.runs[0]).toEqual({
      id: "a1",
      seed: 1,
      points: {
        "testing/Pass@1": [
          { x: 9, y: 0.1 },
          { x: 19, y: 0.6 },
        ],
      },
    });
    expect(a!.runs[1]!.points).toEqual({});
  });
});
