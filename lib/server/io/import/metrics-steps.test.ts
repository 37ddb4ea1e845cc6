import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { placeMetricsLines, statsAsLoggedLine, stepsWithoutLine } from "./metrics-steps";
import type { MetricsLine, StatsEntry } from "./schemas";

const line = (step: number, batches: number, extra: Record<string, unknown> = {}): MetricsLine => ({
  step,
  "progress/done_frac": (step + 1) / batches,
  ...extra,
});
const statsOf = (pairs: [number, number][]) =>
  new Map<number, StatsEntry>(
    pairs.map(([epoch, batch], step) => [step, { epoch, batch, test: {}, rollout: {} }]),
  );

describe("placeMetricsLines", () => {
  test("two epochs of three batches: the second epoch's lines are steps 3-5", () => {
    const lines = [0, 1, 2, 0, 1, 2].map((s, i) => line(s, 3, { id: i }));
    const placed = placeMetricsLines(
      lines,
      statsOf([
        [0, 0],
        [0, 1],
        [0, 2],
        [1, 0],
        [1, 1],
        [1, 2],
      ]),
    );
    expect([...placed.byStep].map(([step, l]) => [step, l.id])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 5],
    ]);
    expect(placed.skipped).toEqual([]);
  });

  test("a resumed run logs a redone step again: the last line wins, in the same epoch", () => {
    const lines = [
      line(0, 3, { id: "a" }),
      line(1, 3, { id: "b" }),
      line(1, 3, { id: "c" }),
      line(2, 3),
      line(0, 3, { id: "d" }),
    ];
    const placed = placeMetricsLines(lines, new Map());
    expect(placed.byStep.get(1)?.id).toBe("c");
    expect(placed.byStep.get(3)?.id).toBe("d");
    expect([...placed.byStep.keys()].sort()).toEqual([0, 1, 2, 3]);
  });

  test("a resume back to batch 0 mid-epoch is not a new epoch", () => {
    const lines = [
      line(0, 4, { id: "a" }),
      line(1, 4),
      line(0, 4, { id: "b" }),
      line(1, 4),
      line(2, 4),
      line(3, 4),
      line(0, 4, { id: "c" }),
    ];
    const placed = placeMetricsLines(lines, new Map());
    expect(placed.byStep.get(0)?.id).toBe("b");
    expect(placed.byStep.get(4)?.id).toBe("c");
  });

  test("without done_frac the batches per epoch come from stats.json", () => {
    const lines = [{ step: 0 }, { step: 1 }, { step: 0, id: "x" }, { step: 1 }];
    const placed = placeMetricsLines(
      lines,
      statsOf([
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ]),
    );
    expect(placed.byStep.get(2)?.id).toBe("x");
  });

  test("a line stats.json places elsewhere is left out and reported", () => {
    // stats.json says epoch 1 has only batch 0 at step 2 and step 3 is batch 0 of epoch 2.
    const lines = [line(0, 2), line(1, 2), line(0, 2), line(1, 2)];
    const placed = placeMetricsLines(
      lines,
      statsOf([
        [0, 0],
        [0, 1],
        [1, 0],
        [2, 0],
      ]),
    );
    expect([...placed.byStep.keys()]).toEqual([0, 1, 2]);
    expect(placed.skipped).toEqual([
      { line: 4, reason: expect.stringMatching(/step 3.*batch 0 of epoch 2/) },
    ]);
  });

  test("the reference's two-epoch run: line i of metrics.jsonl is global step i, as stats.json says", () => {
    const root = join(process.cwd(), "lib/espl/testdata/reference-runs/evolution_rl_lucb_seed109");
    const lines = readFileSync(join(root, "tinker-examples/evolution_rl_lucb_seed109/metrics.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as MetricsLine);
    const statsFile = JSON.parse(
      readFileSync(join(root, "data/math/train/evolution_rl_lucb_seed109/stats.json"), "utf8"),
    ) as Record<string, StatsEntry>;
    const stats = new Map(Object.entries(statsFile).map(([k, v]) => [Number(k.slice(5)), v]));
    expect(lines.map((l) => l.step)).toEqual([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5]);
    const placed = placeMetricsLines(lines, stats);
    expect(placed.skipped).toEqual([]);
    expect([...placed.byStep.keys()]).toEqual(lines.map((_, i) => i));
    lines.forEach((l, i) => {
      expect(placed.byStep.get(i)).toBe(l);
      expect(l["testing/Pass@1"]).toBe(stats.get(i)!.test["Pass@1"]);
    });
  });
});

describe("statsAsLoggedLine and stepsWithoutLine", () => {
  test("a stats entry is named like the log's line: rollout/… and testing/…, step = batch index", () => {
    const entry: StatsEntry = {
      epoch: 1,
      batch: 2,
      test: { "Pass@1": 0.25, eval_avg_reward: 0.5 },
      rollout: { Agg_avg_reward: 0.75 },
    };
    expect(statsAsLoggedLine(entry)).toEqual({
      step: 2,
      "rollout/Agg_avg_reward": 0.75,
      "testing/Pass@1": 0.25,
      "testing/eval_avg_reward": 0.5,
    });
  });

  test("lists the stats steps no line was placed on, in order", () => {
    const stats = statsOf([
      [0, 0],
      [0, 1],
      [0, 2],
      [0, 3],
    ]);
    expect(stepsWithoutLine(stats, new Map([[1, line(1, 4)]]))).toEqual([0, 2, 3]);
    expect(stepsWithoutLine(stats, new Map([0, 1, 2, 3].map((s) => [s, line(s, 4)])))).toEqual([]);
  });
});
