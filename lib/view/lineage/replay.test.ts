import { describe, expect, test } from "vitest";
import { ratingsAtQuery, replayLeaderboard, replayNodes, type RatingsAt } from "./replay";
import type { LeaderboardRow, LineageNode } from "./types";

const node = (id: number, mu: number, sigma: number, birthStep: number): LineageNode => ({
  id,
  origin: id === 0 ? "root" : "mutation",
  birthStep,
  evictedAtStep: null,
  mu,
  sigma,
  timesSelected: 9,
  principleCount: 1,
  preview: "p",
});

const row = (id: number, mu: number, sigma: number, birthStep: number): LeaderboardRow => ({
  id,
  origin: id === 0 ? "root" : "mutation",
  mu,
  sigma,
  conservative: mu - 3 * sigma,
  timesSelected: 9,
  meanScore: 0.9,
  birthStep,
  evictedAtStep: id === 0 ? 7 : null,
});

// Final: program 2 (born at step 5) is best. At step 3 it did not exist and 0 led 1.
const at3: RatingsAt = {
  step: 3,
  programs: [
    { id: 0, mu: 27, sigma: 4, timesSelected: 4, meanScore: 0.5, evictedAtStep: null },
    { id: 1, mu: 24, sigma: 6, timesSelected: 2, meanScore: 0.25, evictedAtStep: null },
  ],
};

describe("replayNodes", () => {
  const nodes = [node(0, 20, 1, -1), node(1, 30, 1, 1), node(2, 40, 1, 5)];
  test("puts each program's μ, σ and selections as of the step, later programs untouched", () => {
    const replayed = replayNodes(nodes, at3);
    expect(replayed.map((n) => [n.id, n.mu, n.sigma, n.timesSelected])).toEqual([
      [0, 27, 4, 4],
      [1, 24, 6, 2],
      [2, 40, 1, 9],
    ]);
    expect(replayed[0]!.birthStep).toBe(-1);
  });
  test("no replay (last step): the final values", () => {
    expect(replayNodes(nodes, null)).toBe(nodes);
  });
});

describe("replayLeaderboard", () => {
  const rows = [row(2, 40, 1, 5), row(1, 30, 1, 1), row(0, 20, 1, -1)];
  test("only programs born by the step, with their values then, re-ranked by μ − 3σ", () => {
    const board = replayLeaderboard(rows, at3);
    expect(board.map((r) => r.id)).toEqual([0, 1]);
    expect(board[0]).toMatchObject({ mu: 27, sigma: 4, conservative: 15, timesSelected: 4, meanScore: 0.5 });
    // Evicted at step 7 in the end, but not yet at step 3.
    expect(board[0]!.evictedAtStep).toBeNull();
    expect(board[1]).toMatchObject({ conservative: 6, origin: "mutation", birthStep: 1 });
  });
  test("no replay: the final rows", () => {
    expect(replayLeaderboard(rows, null)).toEqual(rows);
  });
});

test("the replay query takes a step of -1 or more, from a string", () => {
  expect(ratingsAtQuery.parse({ step: "12" })).toEqual({ step: 12 });
  expect(ratingsAtQuery.safeParse({ step: "-2" }).success).toBe(false);
  expect(ratingsAtQuery.safeParse({ step: "x" }).success).toBe(false);
  expect(ratingsAtQuery.safeParse({}).success).toBe(false);
});
