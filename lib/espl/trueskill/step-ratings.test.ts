import { describe, expect, test } from "vitest";
import type { Rating } from "../types";
import { rateRanking } from "./rate-ranking";
import {
  appendScoreHistory,
  computeProgramScores,
  rankAndRate,
  rankProgramSlots,
  type SlotRewards,
} from "./step-ratings";
import { DEFAULT_SYSTEM } from "./system";

/** Rewards for one slot with `correct[b]` of G samples right on problem b. */
function slot(correct: number[], g: number): number[][] {
  return correct.map((c) => Array.from({ length: g }, (_, i) => (i < c ? 1 : 0)));
}

describe("computeProgramScores", () => {
  test("mean reward per slot, exact for equal totals", () => {
    // Same total 7/15 with different per-problem spreads: float32 per-problem means would differ in
    // the last ulp (the reference's ranking noise); here they are equal.
    const scores = computeProgramScores([slot([3, 1, 1, 1, 1], 3), slot([1, 3, 3, 0, 0], 3)]);
    expect(scores[0]).toBe(7 / 15);
    expect(scores[1]).toBe(scores[0]);
    expect(() => computeProgramScores([[]])).toThrow();
  });
});

describe("rankProgramSlots", () => {
  test("stable descending order, unique by program, ties at 0.01", () => {
    const r = rankProgramSlots([7, 7, 3, 5, 3], [0.5, 0.75, 0.75, 0.2, 0.745]);
    expect(r.sortedProgramIndices).toEqual([1, 2, 4, 0, 3]);
    expect(r.sortedProgramIndicesUnique).toEqual([1, 2, 3]);
    expect(r.ties).toEqual([0, 0, 1]);
    expect(r.bestProgramIndex).toBe(1);
  });
});

describe("rankAndRate", () => {
  const ratings = new Map<number, Rating>([
    [0, { mu: 25, sigma: 25 / 3 }],
    [1, { mu: 28, sigma: 4 }],
    [2, { mu: 20, sigma: 6 }],
  ]);
  const ratingOf = (id: number) => ratings.get(id)!;

  test("rates the distinct programs once, in ranked order, with dynamics", () => {
    const rewards: SlotRewards = [slot([1, 0], 2), slot([2, 2], 2), slot([2, 1], 2), slot([2, 2], 2)];
    const result = rankAndRate({ programIds: [2, 0, 1, 0], rewards, ratingOf });
    expect(result.programScores).toEqual([0.25, 1, 0.75, 1]);
    expect(result.sortedProgramIndices).toEqual([1, 3, 2, 0]);
    expect(result.sortedProgramIndicesUnique).toEqual([1, 2, 0]);
    expect(result.ties).toEqual([0, 1, 2]);
    expect(result.bestProgramIndex).toBe(1);
    const expected = rateRanking(DEFAULT_SYSTEM, [ratingOf(0), ratingOf(1), ratingOf(2)], [0, 1, 2], true);
    expect([...result.updatedRatings.keys()]).toEqual([0, 1, 2]);
    expect([...result.updatedRatings.values()]).toEqual(expected);
  });

  test("a single distinct program keeps its rating (e.g. train_mode=rl)", () => {
    const rewards: SlotRewards = [slot([1], 4), slot([3], 4), slot([0], 4)];
    const result = rankAndRate({ programIds: [1, 1, 1], rewards, ratingOf });
    expect(result.sortedProgramIndices).toEqual([1, 0, 2]);
    expect(result.updatedRatings).toEqual(new Map([[1, ratingOf(1)]]));
  });

  test("equal totals keep selection order", () => {
    const rewards: SlotRewards = [slot([3, 1, 1, 1, 1], 3), slot([1, 3, 3, 0, 0], 3)];
    const result = rankAndRate({ programIds: [2, 0], rewards, ratingOf });
    expect(result.sortedProgramIndices).toEqual([0, 1]);
    expect(result.ties).toEqual([0, 0]);
  });

  test("rejects mismatched inputs", () => {
    expect(() => rankAndRate({ programIds: [0, 1], rewards: [slot([1], 1)], ratingOf })).toThrow();
    expect(() => rankAndRate({ programIds: [], rewards: [], ratingOf })).toThrow();
  });
});

describe("appendScoreHistory", () => {
  test("one entry per slot, in slot order", () => {
    const histories = new Map<number, number[]>([[0, [0.1]]]);
    appendScoreHistory(histories, [1, 0, 1], [0.5, 0.25, 0.75]);
    expect(histories).toEqual(
      new Map([
        [0, [0.1, 0.25]],
        [1, [0.5, 0.75]],
      ]),
    );
  });
});
