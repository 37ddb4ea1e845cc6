import { describe, expect, test } from "vitest";
import { parseCompareQuery, serialiseCompareQuery, type CompareQuery } from "./compare-query";

const A = "0b6a1c2e-1111-4a2b-8c3d-000000000001";
const B = "0b6a1c2e-1111-4a2b-8c3d-000000000002";

describe("compare query", () => {
  test("defaults", () => {
    const r = parseCompareQuery({});
    expect(r.success && r.data).toEqual({
      runs: [],
      metric: "testing/Pass@1",
      metrics: ["testing/Pass@1"],
      x: "step",
      smooth: 0,
      log: false,
      band: false,
      hide: [],
      diff: false,
    });
  });

  test("parse → serialise → parse is the identity, defaults omitted", () => {
    const q: CompareQuery = {
      runs: [A, B],
      metric: "rollout/Agg_avg_reward",
      metrics: ["rollout/Agg_avg_reward", "testing/Pass@2"],
      x: "samples",
      smooth: 0.6,
      log: true,
      band: false,
      hide: [B],
      diff: true,
    };
    const text = serialiseCompareQuery(q);
    expect(text).toBe(
      `runs=${A}%2C${B}&metric=rollout%2FAgg_avg_reward%2Ctesting%2FPass%402&x=samples&smooth=0.6&log=1&hide=${B}&diff=1`,
    );
    const back = parseCompareQuery(Object.fromEntries(new URLSearchParams(text)));
    expect(back.success && back.data).toEqual(q);
    expect(
      serialiseCompareQuery({
        runs: [A],
        metric: "testing/Pass@1",
        metrics: ["testing/Pass@1"],
        x: "step",
        smooth: 0,
        log: false,
        band: false,
        hide: [],
        diff: false,
      }),
    ).toBe(`runs=${A}`);
  });

  test("a single metric (links made before several) reads as a list of one; duplicates collapse", () => {
    const r = parseCompareQuery({ metric: "rollout/Agg_avg_reward" });
    expect(r.success && r.data.metrics).toEqual(["rollout/Agg_avg_reward"]);
    const two = parseCompareQuery({ metric: "testing/Pass@2,testing/Pass@1,testing/Pass@2" });
    expect(two.success && two.data.metrics).toEqual(["testing/Pass@2", "testing/Pass@1"]);
    expect(two.success && two.data.metric).toBe("testing/Pass@2");
    const seven = Array.from({ length: 7 }, (_, i) => `testing/Pass@${i + 1}`).join(",");
    expect(parseCompareQuery({ metric: seven }).success).toBe(false);
  });

  test("duplicate runs collapse; first array value wins", () => {
    const r = parseCompareQuery({ runs: [`${A},${A},${B}`, "ignored"] });
    expect(r.success && r.data.runs).toEqual([A, B]);
  });

  test("refuses bad ids, more than 20 runs, unknown axes, bad metrics and smoothing", () => {
    expect(parseCompareQuery({ runs: "nope" }).success).toBe(false);
    const many = Array.from(
      { length: 21 },
      (_, i) => `0b6a1c2e-1111-4a2b-8c3d-${String(i).padStart(12, "0")}`,
    );
    expect(parseCompareQuery({ runs: many.join(",") }).success).toBe(false);
    expect(parseCompareQuery({ x: "epochs" }).success).toBe(false);
    expect(parseCompareQuery({ metric: "optim/lr" }).success).toBe(false);
    expect(parseCompareQuery({ smooth: "1" }).success).toBe(false);
    expect(parseCompareQuery({ diff: "yes" }).success).toBe(false);
  });
});

describe("group", () => {
  test("absent means no grouping; an experiment or a config key round-trips; anything else is refused", () => {
    expect(parseCompareQuery({}).data?.group).toBeUndefined();
    const byKey = parseCompareQuery({ group: "crossover_prob" });
    expect(byKey.data?.group).toBe("crossover_prob");
    expect(serialiseCompareQuery(byKey.data!)).toBe("group=crossover_prob");
    expect(parseCompareQuery({ group: "experiment" }).data?.group).toBe("experiment");
    expect(parseCompareQuery({ group: "no_such_key" }).success).toBe(false);
  });
});
