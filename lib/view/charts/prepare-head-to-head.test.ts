import { describe, expect, test } from "vitest";
import { planCrossover } from "@/lib/espl/crossover/plan-crossover";
import { prepareHeadToHead, type SlotProblemCell } from "./prepare-head-to-head";

/** Cells from rewards [slot][problem][sample] and slot → program, as the SQL aggregate returns them. */
function cellsOf(programOfSlot: number[], rewards: number[][][]): SlotProblemCell[] {
  return rewards.flatMap((problems, slot) =>
    problems.map((group, problemIndex) => ({
      slot,
      programId: programOfSlot[slot]!,
      problemIndex,
      problemId: 100 + problemIndex,
      n: group.length,
      successes: group.filter((r) => r > 0).length,
      rewardSum: group.reduce((a, b) => a + b, 0),
    })),
  );
}

describe("prepareHeadToHead", () => {
  test("ranks programs by score and marks a problem's winner only when it beats every other", () => {
    // Program 7 (slot 0) solves problem 0 alone; problem 1 is a tie; program 3 wins problem 2 (3/4 vs 1/4).
    const rewards = [
      [
        [1, 1, 0, 0],
        [1, 0, 0, 0],
        [1, 0, 0, 0],
      ],
      [
        [0, 0, 0, 0],
        [1, 0, 0, 0],
        [1, 1, 1, 0],
      ],
    ];
    const grid = prepareHeadToHead(cellsOf([7, 3], rewards));
    // Slot scores: 4/12 each; a tie keeps slot order, so program 7 ranks first.
    expect(grid.rows.map((r) => r.programId)).toEqual([7, 3]);
    expect(grid.rows[0]!.cells.map((c) => [c!.successes, c!.n, c!.winner])).toEqual([
      [2, 4, true],
      [1, 4, false],
      [1, 4, false],
    ]);
    expect(grid.rows[1]!.cells.map((c) => c!.winner)).toEqual([false, false, true]);
    expect(grid.rows.map((r) => r.wins)).toEqual([1, 1]);
    expect(grid.columns.map((c) => c.winnerProgramId)).toEqual([7, null, 3]);
    expect(grid.columns[2]).toMatchObject({ problemId: 102, successes: 4, n: 8 });
  });

  test("agrees with the engine's crossover plan on random batches", () => {
    let seed = 17;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 200; trial++) {
      const k = 2 + Math.floor(random() * 3);
      const B = 1 + Math.floor(random() * 6);
      const G = 1 + Math.floor(random() * 5);
      const programOfSlot = Array.from({ length: k }, () => Math.floor(random() * 3));
      const rewards = Array.from({ length: k }, () =>
        Array.from({ length: B }, () => Array.from({ length: G }, () => (random() < 0.5 ? 1 : 0))),
      );
      const grid = prepareHeadToHead(cellsOf(programOfSlot, rewards));
      const ranked = grid.rows.map((r) => r.rankedSlot);
      if (ranked.length < 2) {
        expect(grid.columns.every((c) => c.winnerProgramId === null)).toBe(true);
        continue;
      }
      const plan = planCrossover({
        slots: programOfSlot.map((programId) => ({ programId, principles: [] })),
        rankedUniqueSlots: ranked,
        rewards,
        problems: Array.from({ length: B }, (_, b) => `q${b}`),
      });
      const expected = Array.from({ length: B }, (_, b) => {
        const win = plan.wins.find((w) => w.questions.some((q) => q.problemIndex === b));
        return win ? programOfSlot[win.slot]! : null;
      });
      expect(grid.columns.map((c) => c.winnerProgramId)).toEqual(expected);
    }
  });

  test("a program in two slots is one row: counts add up, its best slot stands for it", () => {
    const rewards = [[[0, 0]], [[1, 1]], [[1, 0]]];
    const grid = prepareHeadToHead(cellsOf([5, 5, 9], rewards));
    expect(grid.rows.map((r) => [r.programId, r.slots, r.rankedSlot])).toEqual([
      [5, [0, 1], 1],
      [9, [2], 2],
    ]);
    expect(grid.rows[0]!.cells[0]).toMatchObject({ successes: 2, n: 4, winner: true });
  });

  test("a stored ranking is used when it fits, and ignored when it does not", () => {
    const rewards = [[[1]], [[0]]];
    expect(prepareHeadToHead(cellsOf([1, 2], rewards), [1, 0])).toMatchObject({
      rankingSource: "stored",
      rows: [{ programId: 2 }, { programId: 1 }],
    });
    expect(prepareHeadToHead(cellsOf([1, 2], rewards), [0, 7]).rankingSource).toBe("recomputed");
  });

  test("one program alone marks nothing; no cells give an empty grid", () => {
    const grid = prepareHeadToHead(cellsOf([4, 4], [[[1]], [[0]]]));
    expect(grid.columns.map((c) => c.winnerProgramId)).toEqual([null]);
    expect(prepareHeadToHead([])).toEqual({ rows: [], columns: [], rankingSource: "recomputed" });
  });
});
