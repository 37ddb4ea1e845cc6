import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { computeAdvantages, isGroupTrained } from "./advantages";

const rewardsArbitrary = fc
  .record({
    k: fc.integer({ min: 1, max: 4 }),
    b: fc.integer({ min: 1, max: 6 }),
    g: fc.integer({ min: 1, max: 9 }),
  })
  .chain(({ k, b, g }) =>
    fc.array(
      fc.array(fc.array(fc.constantFrom(0, 1), { minLength: g, maxLength: g }), {
        minLength: b,
        maxLength: b,
      }),
      {
        minLength: k,
        maxLength: k,
      },
    ),
  );

describe("computeAdvantages", () => {
  test("normal: reward minus the group mean, in float32", () => {
    const { advantages, trainedGroups } = computeAdvantages([[[0, 0, 0]], [[0, 1, 1]]], "normal");
    expect(advantages[0]).toEqual([[0, 0, 0]]);
    const mean = Math.fround(2 / 3);
    const above = Math.fround(1 - mean);
    expect(advantages[1]![0]).toEqual([-mean, above, above]);
    expect(trainedGroups).toEqual([[false], [true]]);
  });

  test("marginalize: one baseline per problem, so a constant group is still trained", () => {
    const { advantages, trainedGroups } = computeAdvantages([[[1, 1]], [[0, 0]]], "marginalize");
    expect(advantages).toEqual([[[0.5, 0.5]], [[-0.5, -0.5]]]);
    expect(trainedGroups).toEqual([[true], [true]]);
    expect(computeAdvantages([[[1, 1]], [[1, 1]]], "marginalize").trainedGroups).toEqual([[false], [false]]);
  });

  test("reproduces the reference's float32 rounding of the marginal baseline", () => {
    // Parity case: the baseline 7/12 rounds differently depending on where the zero sits in the group.
    const rewards = [
      [
        [0, 0, 0, 0],
        [0, 0, 0, 0],
      ],
      [
        [1, 1, 1, 0],
        [1, 1, 0, 1],
      ],
      [
        [1, 1, 1, 1],
        [1, 1, 1, 1],
      ],
    ];
    const { advantages } = computeAdvantages(rewards, "marginalize");
    expect(advantages[0]![0]![0]).toBe(-0.5833333134651184);
    expect(advantages[0]![1]![0]).toBe(-0.5833333730697632);
  });

  test("rejects ragged, empty or non-finite rewards", () => {
    expect(() => computeAdvantages([], "normal")).toThrow(RangeError);
    expect(() => computeAdvantages([[]], "normal")).toThrow(RangeError);
    expect(() => computeAdvantages([[[1, 0], [1]]], "normal")).toThrow(RangeError);
    expect(() =>
      computeAdvantages(
        [
          [[1, 0]],
          [
            [1, 0],
            [0, 0],
          ],
        ],
        "normal",
      ),
    ).toThrow(RangeError);
    expect(() => computeAdvantages([[[Number.NaN]]], "normal")).toThrow(RangeError);
  });

  test("normal advantages sum to ~0 in every group; trained iff some reward differs", () => {
    fc.assert(
      fc.property(rewardsArbitrary, (rewards) => {
        const { advantages, trainedGroups } = computeAdvantages(rewards, "normal");
        return advantages.every((slot, p) =>
          slot.every((group, b) => {
            const sum = group.reduce((s, a) => s + a, 0);
            const constant = new Set(rewards[p]![b]).size === 1;
            return Math.abs(sum) < 1e-6 && trainedGroups[p]![b] === !constant;
          }),
        );
      }),
    );
  });

  test("marginalize advantages sum to ~0 over all slots of a problem", () => {
    fc.assert(
      fc.property(rewardsArbitrary, (rewards) => {
        const { advantages } = computeAdvantages(rewards, "marginalize");
        return advantages[0]!.every((_, b) => {
          const sum = advantages.reduce((s, slot) => s + slot[b]!.reduce((t, a) => t + a, 0), 0);
          return Math.abs(sum) < 1e-5;
        });
      }),
    );
  });
});

describe("isGroupTrained", () => {
  test("treats -0 as zero", () => {
    expect(isGroupTrained([0, -0])).toBe(false);
    expect(isGroupTrained([0, 1e-30])).toBe(true);
    expect(isGroupTrained([])).toBe(false);
  });
});
