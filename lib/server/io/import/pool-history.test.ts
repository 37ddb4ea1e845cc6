import { describe, expect, test } from "vitest";
import {
  describeOrigin,
  findChild,
  findEvicted,
  findRatingUpdates,
  matchSlotProgram,
  ROOT_ENTRY,
} from "./pool-history";
import type { PoolEntry } from "./schemas";

const program = (id: number, over: Partial<PoolEntry> = {}): PoolEntry => ({
  ...ROOT_ENTRY,
  program_id: id,
  timestep: id - 1,
  self_modified_from: id - 1,
  principles: { G0: `p${id}` },
  ...over,
});

describe("pool history", () => {
  test("origins: crossover parents in order, mutation parent, root", () => {
    expect(describeOrigin(program(7, { self_modified_from: -1, parents_list: [6, 2, 5] }))).toEqual({
      origin: "crossover",
      parentIds: [6, 2, 5],
    });
    expect(describeOrigin(program(3))).toEqual({ origin: "mutation", parentIds: [2] });
    expect(describeOrigin(ROOT_ENTRY)).toEqual({ origin: "root", parentIds: [] });
  });

  test("rating updates are the changed ratings, scored by the appended history entry and ranked", () => {
    const before = [program(1, { past_score_history: [0.5] }), program(2), program(3)];
    const after = [
      program(1, { rating: { mu: 27, sigma: 7 }, past_score_history: [0.5, 0.25] }),
      program(2, { rating: { mu: 30, sigma: 7 }, past_score_history: [0.75] }),
      program(3),
      program(4, { timestep: 5 }),
    ];
    expect(findRatingUpdates(before, after)).toEqual([
      {
        programId: 2,
        before: ROOT_ENTRY.rating,
        after: { mu: 30, sigma: 7 },
        score: 0.75,
        rank: 0,
        tieGroup: 0,
      },
      {
        programId: 1,
        before: ROOT_ENTRY.rating,
        after: { mu: 27, sigma: 7 },
        score: 0.25,
        rank: 1,
        tieGroup: 1,
      },
    ]);
    expect(findEvicted(before, after.slice(1))).toEqual([1]);
    expect(findChild(before, after, 5, "mutation")?.program_id).toBe(4);
    expect(findChild(before, after, 5, "crossover")).toBeNull();
  });

  test("a slot's program is found by its principles, the newest of duplicates", () => {
    const pool = [ROOT_ENTRY, program(1), program(2, { principles: { G0: "p1" } })];
    expect(matchSlotProgram(pool, {})).toBe(0);
    expect(matchSlotProgram(pool, { G0: "p1" })).toBe(2);
    expect(matchSlotProgram(pool, { G0: "nope" })).toBeNull();
  });
});
