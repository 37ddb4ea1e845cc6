import { describe, expect, test } from "vitest";
import { BASE_CHECKPOINT } from "./resolve-pairs";
import { matchRecordedCell, type RecordedTest } from "./recorded-cells";

// Steps 0–2 tested the newest program: root at 0 and 1, program 4 at 2.
const RECORDED: RecordedTest[] = [
  { step: 0, programId: 0, n: 24 },
  { step: 1, programId: 0, n: 24 },
  { step: 2, programId: 4, n: 24 },
];
const step = (s: number, name = String(s).padStart(6, "0")) => ({ label: `step ${s}`, step: s, name });
const final = { label: "final", step: 3, name: "final" };

describe("matchRecordedCell with RL (weights change every step)", () => {
  test("base is step 0's test rollouts of the program tested there", () => {
    expect(matchRecordedCell(BASE_CHECKPOINT, 0, RECORDED, false)).toEqual({
      source: "recorded",
      step: 0,
      n: 24,
    });
    expect(matchRecordedCell(BASE_CHECKPOINT, 4, RECORDED, false).source).toBe("needs_backend");
  });

  test("checkpoint N is step N's rollouts, only for the program tested at N", () => {
    expect(matchRecordedCell(step(2), 4, RECORDED, false)).toMatchObject({ source: "recorded", step: 2 });
    expect(matchRecordedCell(step(2), 0, RECORDED, false)).toMatchObject({ source: "needs_backend" });
    expect(matchRecordedCell(step(5), 4, RECORDED, false)).toMatchObject({ source: "needs_backend" });
  });

  test("final weights were never tested", () => {
    expect(matchRecordedCell(final, 4, RECORDED, false)).toEqual({
      source: "needs_backend",
      reason: "the final weights were saved after the last test and never graded",
    });
  });

  test("a step whose rollouts were all cut off by the problem cap counts as not recorded", () => {
    expect(matchRecordedCell(step(1), 0, [{ step: 1, programId: 0, n: 0 }], false).source).toBe(
      "needs_backend",
    );
  });
});

describe("matchRecordedCell without RL (fixed weights)", () => {
  test("any checkpoint takes the latest step that tested the program", () => {
    expect(matchRecordedCell(final, 0, RECORDED, true)).toMatchObject({ source: "recorded", step: 1 });
    expect(matchRecordedCell(BASE_CHECKPOINT, 4, RECORDED, true)).toMatchObject({ step: 2 });
    expect(matchRecordedCell(final, 7, RECORDED, true).source).toBe("needs_backend");
  });
});
