import { describe, expect, it } from "vitest";
import { compareMetricKeys, sortMetricKeys } from "./metric-order";

describe("metric order", () => {
  it("sorts Pass@k by k, not by code point", () => {
    const keys = ["testing/Pass@10", "testing/Pass@2", "testing/Pass@1", "testing/Pass@3"];
    expect(sortMetricKeys(keys)).toEqual([
      "testing/Pass@1",
      "testing/Pass@2",
      "testing/Pass@3",
      "testing/Pass@10",
    ]);
  });

  it("keeps groups together and numbers in the middle of a key natural", () => {
    const keys = [
      "testing/eval_avg_reward",
      "rollout/max_PROGRAM_Pass@16",
      "rollout/avg_PROGRAM_Pass@3",
      "testing/Pass@12",
      "rollout/avg_PROGRAM_Pass@16",
      "rollout/Agg_avg_reward",
      "testing/Pass@8",
    ];
    expect(sortMetricKeys(keys)).toEqual([
      "rollout/Agg_avg_reward",
      "rollout/avg_PROGRAM_Pass@3",
      "rollout/avg_PROGRAM_Pass@16",
      "rollout/max_PROGRAM_Pass@16",
      "testing/Pass@8",
      "testing/Pass@12",
      "testing/eval_avg_reward",
    ]);
  });

  it("is a total order: antisymmetric, a prefix first, leading zeros told apart", () => {
    expect(compareMetricKeys("a/Pass@1", "a/Pass@1")).toBe(0);
    expect(Math.sign(compareMetricKeys("a/Pass@2", "a/Pass@10"))).toBe(-1);
    expect(Math.sign(compareMetricKeys("a/Pass@10", "a/Pass@2"))).toBe(1);
    expect(Math.sign(compareMetricKeys("a/Pass", "a/Pass@1"))).toBe(-1);
    expect(compareMetricKeys("x01", "x1")).not.toBe(0);
    expect(Math.sign(compareMetricKeys("x01", "x1"))).toBe(-Math.sign(compareMetricKeys("x1", "x01")));
  });
});
