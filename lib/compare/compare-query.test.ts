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
      x: "step",
      smooth: 0,
      hide: [],
      diff: false,
    });
  });

  test("parse → serialise → parse is the identity, defaults omitted", () => {
    const q: CompareQuery = {
      runs: [A, B],
      metric: "rollout/Agg_avg_reward",
      x: "samples",
      smooth: 0.6,
      hide: [B],
      diff: true,
    };
    const text = serialiseCompareQuery(q);
    expect(text).toBe(
      `runs=${A}%2C${B}&metric=rollout%2FAgg_avg_reward&x=samples&smooth=0.6&hide=${B}&diff=1`,
    );
    const back = parseCompareQuery(Object.fromEntries(new URLSearchParams(text)));
    expect(back.success && back.data).toEqual(q);
    expect(
      serialiseCompareQuery({
        runs: [A],
        metric: "testing/Pass@1",
        x: "step",
        smooth: 0,
        hide: [],
        diff: false,
      }),
    ).toBe(`runs=${A}`);
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
    expect(parseCompareQuery({ x: "tokens" }).success).toBe(false);
    expect(parseCompareQuery({ metric: "optim/lr" }).success).toBe(false);
    expect(parseCompareQuery({ smooth: "1" }).success).toBe(false);
    expect(parseCompareQuery({ diff: "yes" }).success).toBe(false);
  });
});
