import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  chooseResumeCheckpoint,
  decideCheckpoint,
  decideResume,
  formatCheckpointName,
  INITIAL_BEST_CKPT_STEP,
  INITIAL_BEST_TEST_ACC,
  parseCheckpointsJsonl,
  scanStatsForBestTest,
} from "./checkpoint";

const base = {
  step: 0,
  startStep: 0,
  saveEvery: 20,
  rlEnabled: true,
  thisTestAcc: 0,
  bestTestAcc: INITIAL_BEST_TEST_ACC,
  bestCkptStep: INITIAL_BEST_CKPT_STEP,
};

describe("formatCheckpointName", () => {
  test.each([
    [0, "000000"],
    [39, "000039"],
    [1234567, "1234567"],
    [-1, "-00001"],
  ])("%i → %s", (step, name) => expect(formatCheckpointName(step)).toBe(name));
});

describe("decideCheckpoint", () => {
  test("a fresh run always saves step 0 (any accuracy beats -1)", () => {
    expect(decideCheckpoint(base)).toEqual({
      checkpointSaved: true,
      checkpointName: "000000",
      bestTestAcc: 0,
      bestCkptStep: 0,
    });
  });

  test("periodic saves skip the step a run resumed at", () => {
    const common = { ...base, bestTestAcc: 0.9, bestCkptStep: 3, thisTestAcc: 0.1 };
    expect(decideCheckpoint({ ...common, step: 20, startStep: 20 }).checkpointSaved).toBe(false);
    expect(decideCheckpoint({ ...common, step: 20, startStep: 19 }).checkpointName).toBe("000020");
    expect(decideCheckpoint({ ...common, step: 21, startStep: 0 }).checkpointSaved).toBe(false);
  });

  test("a tie with the best is not an improvement", () => {
    expect(
      decideCheckpoint({ ...base, step: 5, thisTestAcc: 0.5, bestTestAcc: 0.5, bestCkptStep: 2 }),
    ).toEqual({
      checkpointSaved: false,
      checkpointName: null,
      bestTestAcc: 0.5,
      bestCkptStep: 2,
    });
  });

  test("evolution-only runs track the best but never save", () => {
    expect(decideCheckpoint({ ...base, rlEnabled: false, step: 40, thisTestAcc: 0.7 })).toEqual({
      checkpointSaved: false,
      checkpointName: null,
      bestTestAcc: 0.7,
      bestCkptStep: 40,
    });
  });

  test("property: best accuracy never decreases and a save implies periodic or improved", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 200 }),
        fc.nat({ max: 200 }),
        fc.integer({ min: 1, max: 25 }),
        fc.boolean(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (step, startStep, saveEvery, rlEnabled, thisTestAcc, bestTestAcc) => {
          const d = decideCheckpoint({
            step,
            startStep,
            saveEvery,
            rlEnabled,
            thisTestAcc,
            bestTestAcc,
            bestCkptStep: -1,
          });
          expect(d.bestTestAcc).toBeGreaterThanOrEqual(bestTestAcc);
          const periodic = step % saveEvery === 0 && step > startStep;
          expect(d.checkpointSaved).toBe(rlEnabled && (periodic || thisTestAcc > bestTestAcc));
        },
      ),
    );
  });
});

describe("scanStatsForBestTest", () => {
  const entry = (acc?: number) =>
    acc === undefined ? { complete: true } : { complete: true, test: { eval_avg_reward: acc } };

  test("empty stats", () => {
    expect(scanStatsForBestTest({})).toEqual({ bestTestAcc: -1, bestCkptStep: -1 });
  });

  test("the first step without test results stops the count", () => {
    expect(scanStatsForBestTest({ step_0: entry(0.2), step_1: entry(), step_2: entry(0.9) })).toEqual({
      bestTestAcc: 0.2,
      bestCkptStep: 0,
    });
  });

  test("keys are walked in file order; a missing step can turn up later", () => {
    expect(scanStatsForBestTest({ step_1: entry(0.9), step_0: entry(0.3), step_2: entry(0.1) })).toEqual({
      bestTestAcc: 0.3,
      bestCkptStep: 0,
    });
    expect(scanStatsForBestTest({ step_0: entry(0.3), step_2: entry(0.8), step_1: entry(0.5) })).toEqual({
      bestTestAcc: 0.5,
      bestCkptStep: 1,
    });
  });

  test("earliest best wins ties; malformed test entries count but never win", () => {
    expect(scanStatsForBestTest({ step_0: entry(0.4), step_1: entry(0.4) })).toEqual({
      bestTestAcc: 0.4,
      bestCkptStep: 0,
    });
    expect(
      scanStatsForBestTest({
        step_0: { test: null },
        step_1: { test: { eval_avg_reward: "x" } },
        step_2: entry(0.1),
      }),
    ).toEqual({ bestTestAcc: 0.1, bestCkptStep: 2 });
  });
});

describe("resume", () => {
  const jsonl = [
    '{"name": "000000", "step": 0, "state_path": "tinker://a/weights/000000"}',
    '{"name": "000003", "step": 3, "state_path": "tinker://a/weights/000003"}',
    "",
    '{"name": "final", "step": 5, "state_path": "tinker://a/weights/final", "sampler_path": "tinker://a/sampler_weights/final"}',
  ].join("\n");

  test("parses checkpoints.jsonl and rejects bad lines", () => {
    const records = parseCheckpointsJsonl(jsonl);
    expect(records.map((r) => r.name)).toEqual(["000000", "000003", "final"]);
    expect(records[2]?.sampler_path).toBe("tinker://a/sampler_weights/final");
    expect(() => parseCheckpointsJsonl('{"name": "x"}')).toThrow(/line 1/);
    expect(() => parseCheckpointsJsonl("{oops")).toThrow();
  });

  test("last takes the last record with a state path; best the last record at the best step", () => {
    const records = parseCheckpointsJsonl(jsonl);
    expect(chooseResumeCheckpoint(records, "last", 3)?.name).toBe("final");
    expect(chooseResumeCheckpoint(records, "best", 3)?.name).toBe("000003");
    // `final` repeats the last step, so a best at that step resumes from it.
    expect(chooseResumeCheckpoint(records, "best", 5)?.name).toBe("final");
    expect(decideResume(records, "best", 4)).toEqual({ checkpoint: null, startStep: 0 });
    expect(decideResume(records, "best", 3).startStep).toBe(3);
    expect(decideResume([], "last", -1)).toEqual({ checkpoint: null, startStep: 0 });
    expect(chooseResumeCheckpoint([{ name: "x", step: 1 }], "last", 1)).toBeNull();
  });
});
