import { fileURLToPath } from "node:url";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { computeRolloutMetrics, computeTestMetrics } from "./metrics";

describe("computeRolloutMetrics", () => {
  test("produces the reference's keys in its order", () => {
    const metrics = computeRolloutMetrics([
      [
        [1, 0, 0],
        [1, 1, 1],
      ],
      [
        [0, 0, 0],
        [1, 0, 1],
      ],
    ]);
    expect(Object.keys(metrics)).toEqual([
      "Agg_avg_reward",
      "Agg_Pass@3",
      "avg_question_Pass@1",
      "min_question_Pass@1",
      "max_question_Pass@1",
      "avg_question_Pass@3",
      "min_question_Pass@3",
      "max_question_Pass@3",
      "avg_PROGRAM_Pass@1",
      "min_PROGRAM_Pass@1",
      "max_PROGRAM_Pass@1",
      "avg_PROGRAM_Pass@3",
      "min_PROGRAM_Pass@3",
      "max_PROGRAM_Pass@3",
    ]);
    expect(metrics.Agg_avg_reward).toBe(0.5);
    expect(metrics["Agg_Pass@3"]).toBe(1);
    expect(metrics["min_question_Pass@1"]).toBe(Math.fround(1 / 6));
    expect(metrics["max_PROGRAM_Pass@3"]).toBe(1);
    expect(metrics["min_PROGRAM_Pass@3"]).toBe(0.5);
  });

  test("with one sample per group the @K keys are the @1 keys", () => {
    expect(Object.keys(computeRolloutMetrics([[[1], [0]]]))).toEqual([
      "Agg_avg_reward",
      "Agg_Pass@1",
      "avg_question_Pass@1",
      "min_question_Pass@1",
      "max_question_Pass@1",
      "avg_PROGRAM_Pass@1",
      "min_PROGRAM_Pass@1",
      "max_PROGRAM_Pass@1",
    ]);
  });

  test("Agg_Pass@K is float64, the means are float32", () => {
    const metrics = computeRolloutMetrics([
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [1, 1],
        [0, 0],
        [1, 0],
      ],
    ]);
    expect(metrics["Agg_Pass@2"]).toBe(5 / 7);
    expect(metrics["avg_question_Pass@2"]).toBe(0.7142857313156128);
  });

  test("rejects ragged, empty or non-finite rewards", () => {
    expect(() => computeRolloutMetrics([])).toThrow(RangeError);
    expect(() => computeRolloutMetrics([[[]]])).toThrow(RangeError);
    expect(() => computeRolloutMetrics([[[1, 0]], [[1]]])).toThrow(RangeError);
    expect(() => computeRolloutMetrics([[[Number.POSITIVE_INFINITY]]])).toThrow(RangeError);
    expect(() => computeRolloutMetrics([[[2, 2]]])).toThrow(RangeError);
  });
});

describe("computeTestMetrics", () => {
  test("gives eval_avg_reward in float64 and Pass@1..T as float32 means", () => {
    const metrics = computeTestMetrics([
      [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      [1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0],
    ]);
    expect(Object.keys(metrics)).toEqual([
      "eval_avg_reward",
      ...Array.from({ length: 11 }, (_, i) => `Pass@${i + 1}`),
    ]);
    expect(metrics.eval_avg_reward).toBe(3 / 33);
    expect(metrics["Pass@1"]).toBe(0.09090909361839294);
    expect(metrics["Pass@9"]).toBe(0.5999999642372131);
  });

  test("rejects ragged or empty test rewards", () => {
    expect(() => computeTestMetrics([])).toThrow(RangeError);
    expect(() => computeTestMetrics([[]])).toThrow(RangeError);
    expect(() => computeTestMetrics([[1, 0], [1]])).toThrow(RangeError);
    expect(() => computeTestMetrics([[Number.NaN]])).toThrow(RangeError);
  });
});

// Runs written by the reference code itself (see /work/shared/espl/reference-runs/README.md): rebuilding the
// reward tensors from the rollout files must reproduce every stats.json metric exactly.
const RUNS = fileURLToPath(new URL("./testdata/reference-runs", import.meta.url));
const experimentDirs = existsSync(RUNS)
  ? readdirSync(RUNS, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(RUNS, d.name, "data/math/train", d.name))
      .filter((dir) => existsSync(join(dir, "stats.json")))
  : [];

function readRewards(file: string, perProblem: number): number[][] {
  const rows: number[][] = [];
  for (const line of readFileSync(file, "utf8").split("\n").filter(Boolean)) {
    const record = JSON.parse(line) as { runid: number; reward: number };
    const row = (rows[Math.floor(record.runid / perProblem)] ??= []);
    row[record.runid % perProblem] = record.reward;
  }
  return rows;
}

describe("reference runs", () => {
  test("the committed reference runs are present", () => {
    expect(existsSync(RUNS)).toBe(true);
  });

  for (const dir of experimentDirs) {
    test(`${dir.split("/").pop()}: rollout and test metrics match stats.json bit for bit`, () => {
      const stats = JSON.parse(readFileSync(join(dir, "stats.json"), "utf8")) as Record<
        string,
        { test: Record<string, number>; rollout: Record<string, number> }
      >;
      for (const [step, entry] of Object.entries(stats)) {
        const group = Number(Object.keys(entry.rollout)[1]!.split("@")[1]);
        const slots = readdirSync(join(dir, step))
          .filter((name) => name.startsWith("sampled_program_"))
          .sort((a, b) => Number(a.split("_")[2]) - Number(b.split("_")[2]));
        const rewards = slots.map((slot) => readRewards(join(dir, step, slot, "rollout.jsonl"), group));
        expect(computeRolloutMetrics(rewards), step).toStrictEqual(entry.rollout);
        expect(Object.keys(computeRolloutMetrics(rewards))).toEqual(Object.keys(entry.rollout));
        const samples = Object.keys(entry.test).length - 1;
        const testMetrics = computeTestMetrics(readRewards(join(dir, step, "test_rollout.jsonl"), samples));
        expect(testMetrics, step).toStrictEqual(entry.test);
        expect(Object.keys(testMetrics)).toEqual(Object.keys(entry.test));
      }
    });
  }
});
