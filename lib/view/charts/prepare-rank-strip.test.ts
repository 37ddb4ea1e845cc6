import { expect, test } from "vitest";
import { prepareRankStrip } from "./prepare-rank-strip";

test("cells come in rank order with tie groups marked and numbered per step", () => {
  const { columns, depth } = prepareRankStrip({
    from: 0,
    to: 1,
    steps: [
      {
        step: 0,
        entries: [
          { id: 5, rank: 1, tieGroup: 1, score: 0.5 },
          { id: 2, rank: 0, tieGroup: 0, score: 0.9 },
          { id: 9, rank: 1, tieGroup: 1, score: 0.5 },
        ],
      },
      { step: 1, entries: [{ id: 2, rank: 0, tieGroup: 0, score: 1 }] },
    ],
  });
  expect(depth).toBe(3);
  expect(columns[0]!.cells.map((c) => [c.id, c.tied, c.group])).toEqual([
    [2, false, 0],
    [5, true, 1],
    [9, true, 1],
  ]);
  expect(columns[1]!.cells).toEqual([{ id: 2, rank: 0, score: 1, tied: false, group: 0 }]);
});
