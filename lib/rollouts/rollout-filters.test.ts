import { describe, expect, test } from "vitest";
import {
  encodeCursor,
  parseRolloutFilters,
  rolloutPageQuerySchema,
  rolloutsHref,
  serializeRolloutFilters,
} from "./rollout-filters";

describe("rollout filters", () => {
  test("URL params parse to filters; unknown keys are ignored, bad values name their field", () => {
    const ok = parseRolloutFilters({
      step: "3",
      program: ["7", "8"],
      split: "test",
      rollout: "99",
      correct: "",
    });
    expect(ok.success && ok.data).toEqual({ step: 3, program: 7, split: "test", order: "asc" });
    const bad = parseRolloutFilters({ step: "-1", split: "valid" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path[0]).sort()).toEqual(["split", "step"]);
  });

  test("serialising is canonical: fixed key order, defaults left out, round-trips", () => {
    const query = serializeRolloutFilters({ order: "asc", split: "train", step: 2, problem: 5, program: 1 });
    expect(query).toBe("step=2&program=1&problem=5&split=train");
    const back = parseRolloutFilters(Object.fromEntries(new URLSearchParams(query)));
    expect(back.success && serializeRolloutFilters(back.data)).toBe(query);
    expect(rolloutsHref("/runs/r1", {})).toBe("/runs/r1/rollouts");
    expect(rolloutsHref("/runs/r1", { order: "desc" })).toBe("/runs/r1/rollouts?order=desc");
  });

  test("a cursor round-trips; a forged or foreign one is refused", () => {
    const cursor = encodeCursor([12, "test", 0, 3, 1]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(rolloutPageQuerySchema.parse({ cursor }).cursor).toEqual([12, "test", 0, 3, 1]);
    for (const forged of ["not base64!", btoa("[1,2,3]"), btoa('[1,"dev",0,0,0]'), btoa("{}")])
      expect(rolloutPageQuerySchema.safeParse({ cursor: forged }).success, forged).toBe(false);
    expect(rolloutPageQuerySchema.safeParse({ limit: "500" }).success).toBe(false);
    expect(rolloutPageQuerySchema.parse({}).limit).toBe(50);
  });
});
