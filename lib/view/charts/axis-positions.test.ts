import { describe, expect, test } from "vitest";
import {
  axisRecorded,
  blankUnrecorded,
  bucketSteps,
  describeMissingAxis,
  describeRunAxis,
  NO_POSITIONS,
  positionLookup,
  unknownFrom,
  type AxisPositions,
} from "./axis-positions";

const imported: AxisPositions = {
  steps: [1, 3],
  samples: [72, 144],
  tokens: [null, null],
  seconds: [278.4, 519.6],
};

describe("positionLookup and axisRecorded", () => {
  test("looks steps up per axis; step is its own position", () => {
    expect(positionLookup(imported, "samples")(3)).toBe(144);
    expect(positionLookup(imported, "time")(1)).toBe(278.4);
    expect(positionLookup(imported, "tokens")(1)).toBeNull();
    expect(positionLookup(imported, "samples")(2)).toBeNull();
    expect(positionLookup(NO_POSITIONS, "step")(7)).toBe(7);
  });
  test("an axis is recorded when any step has a value there", () => {
    expect(axisRecorded(imported, "samples")).toBe(true);
    expect(axisRecorded(imported, "tokens")).toBe(false);
    expect(axisRecorded(NO_POSITIONS, "step")).toBe(true);
    expect(axisRecorded({ ...imported, tokens: [null, 5] }, "tokens")).toBe(true);
  });
});

describe("blankUnrecorded", () => {
  test("totals that never leave zero become not recorded", () => {
    expect(blankUnrecorded([0, 0, 0])).toEqual([null, null, null]);
    expect(blankUnrecorded([0, null])).toEqual([null, null]);
  });
  test("a counter that moved is kept as it is, its unknown tail included", () => {
    expect(blankUnrecorded([0, 10, 20, null])).toEqual([0, 10, 20, null]);
  });
});

describe("unknownFrom", () => {
  test("totals at and after the incomplete step become unknown; earlier ones stay", () => {
    expect(unknownFrom([0, 2, 4, 6], [10, 30, 50, 70], 3)).toEqual([10, 30, null, null]);
    expect(unknownFrom([0, 2, 4, 6], [10, 30, 50, 70], 4)).toEqual([10, 30, null, null]);
    expect(unknownFrom([0, 2], [10, 30], 0)).toEqual([null, null]);
  });
  test("nothing changes when every step is complete", () => {
    expect(unknownFrom([0, 2], [10, null], null)).toEqual([10, null]);
  });
});

describe("bucketSteps", () => {
  test("every bucket's last step, once, ascending", () => {
    const series = [
      [{ step: 4 }, { step: 9 }],
      [{ step: 9 }, { step: 2 }],
    ];
    expect(bucketSteps(series)).toEqual([2, 4, 9]);
    expect(bucketSteps([])).toEqual([]);
  });
});

describe("notes for a missing axis", () => {
  test("a run's chart names the axis it lacks, and nothing when it has it", () => {
    expect(describeRunAxis(imported, "tokens")).toBe("Tokens not recorded for this run.");
    expect(describeRunAxis(imported, "samples")).toBeNull();
    expect(describeRunAxis(NO_POSITIONS, "step")).toBeNull();
  });
  test("a run known up to a step says from which step on it is not recorded", () => {
    const partial = { ...imported, steps: [1, 3, 5], tokens: [100, null, null], seconds: [1, 2, 3] };
    expect(describeRunAxis(partial, "tokens")).toBe("Tokens not recorded from step 3 on.");
    expect(describeRunAxis(partial, "time")).toBeNull();
  });
  test("an overlay names the runs left out, ignoring runs without the metric", () => {
    const runs = [
      { name: "native", axes: { ...imported, tokens: [10, 20] }, series: [1] },
      { name: "imported", axes: imported, series: [1] },
      { name: "empty", axes: NO_POSITIONS, series: [] },
    ];
    expect(describeMissingAxis(runs, "tokens")).toBe(
      "Tokens not recorded for imported: not drawn on this axis.",
    );
    expect(describeMissingAxis(runs, "time")).toBeNull();
    expect(describeMissingAxis(runs, "step")).toBeNull();
  });
});
