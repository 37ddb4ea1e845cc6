import { describe, expect, test } from "vitest";
import {
  encodeCursor,
  parseRolloutFilters,
  rolloutPageQuerySchema,
  rolloutsHref,
  serializeRolloutFilters,
  type RolloutCursor,
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
    expect(ok.success && ok.data).toEqual({ step: 3, program: 7, split: "test", sort: "oldest" });
    const bad = parseRolloutFilters({ step: "-1", split: "valid" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path[0]).sort()).toEqual(["split", "step"]);
  });

  test("serialising is canonical: fixed key order, defaults left out, round-trips", () => {
    const query = serializeRolloutFilters({
      sort: "oldest",
      split: "train",
      step: 2,
      problem: 5,
      program: 1,
      q: "carry the one",
      question: "50%",
    });
    expect(query).toBe("step=2&program=1&problem=5&question=50%25&split=train&q=carry+the+one");
    const back = parseRolloutFilters(Object.fromEntries(new URLSearchParams(query)));
    expect(back.success && serializeRolloutFilters(back.data)).toBe(query);
    expect(rolloutsHref("/runs/r1", {})).toBe("/runs/r1/rollouts");
    expect(rolloutsHref("/runs/r1", { sort: "newest" })).toBe("/runs/r1/rollouts?sort=newest");
    // Blank or padded search boxes mean "no search".
    const blank = parseRolloutFilters({ q: "   ", question: "" });
    expect(blank.success && serializeRolloutFilters(blank.data)).toBe("");
    expect(parseRolloutFilters({ sort: "match" }).success).toBe(false);
    expect(parseRolloutFilters({ sort: "match", q: " x " }).data).toMatchObject({ sort: "match", q: "x" });
  });

  test("a cursor round-trips; a forged or foreign one is refused", () => {
    const cursor = encodeCursor({ sort: "oldest", key: [12, "test", 0, 3, 1] });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(rolloutPageQuerySchema.parse({ cursor }).cursor).toEqual({
      sort: "oldest",
      key: [12, "test", 0, 3, 1],
    });
    const best: RolloutCursor = { sort: "best", reward: 0.1 + 0.2, key: [4, "train", 1, 0, 2] };
    expect(rolloutPageQuerySchema.parse({ sort: "best", cursor: encodeCursor(best) }).cursor).toEqual(best);
    const match: RolloutCursor = { sort: "match", rank: 0.0607927, id: "123456789012" };
    expect(
      rolloutPageQuerySchema.parse({ sort: "match", q: "x", cursor: encodeCursor(match) }).cursor,
    ).toEqual(match);
    // A cursor of one sort does not fit another.
    expect(rolloutPageQuerySchema.safeParse({ sort: "newest", cursor: encodeCursor(best) }).success).toBe(
      false,
    );
    for (const forged of ["not base64!", btoa("[1,2,3]"), btoa('[1,"dev",0,0,0]'), btoa("{}")])
      expect(rolloutPageQuerySchema.safeParse({ cursor: forged }).success, forged).toBe(false);
    expect(rolloutPageQuerySchema.safeParse({ limit: "500" }).success).toBe(false);
    expect(rolloutPageQuerySchema.parse({}).limit).toBe(50);
  });
});
