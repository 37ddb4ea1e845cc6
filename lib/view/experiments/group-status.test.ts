import { describe, expect, test } from "vitest";
import { describeControlOutcome, describeGroupStatus } from "./group-status";

describe("describeGroupStatus", () => {
  test("counts each status, running first, and what the controls apply to", () => {
    const summary = describeGroupStatus(["completed", "running", "queued", "running", "paused"]);
    expect(summary.text).toBe("2 running, 1 queued, 1 paused, 1 completed");
    expect(summary).toMatchObject({ active: 4, pausable: 3, paused: 1 });
  });

  test("a finished group has nothing to control", () => {
    expect(describeGroupStatus(["completed", "failed"])).toMatchObject({ active: 0, pausable: 0, paused: 0 });
    expect(describeGroupStatus([]).text).toBe("no runs");
  });
});

describe("describeControlOutcome", () => {
  test("names deferred changes and the distinct reasons for skipped runs", () => {
    const text = describeControlOutcome("pause", {
      changed: [{ immediate: true }, { immediate: false }],
      skipped: [{ reason: "the run is already completed" }, { reason: "the run is already completed" }],
    });
    expect(text).toBe(
      "paused 2 runs (1 at its next step boundary); 2 runs left as they were: the run is already completed",
    );
  });
});
