import { describe, expect, test } from "vitest";
import { LATEST, needsRefetch, refreshFor, runQueryKey } from "./run-query-keys";

const RUN = "0b0c8f9e-5f3a-4a49-9f0e-2d7f4d1f6a11";
const OTHER = "7d1e8b52-3a59-4f0e-9c4b-1e2f3a4b5c6d";

describe("refreshFor", () => {
  test("a new step refreshes the step views; the first event too (the page may be older)", () => {
    expect(refreshFor({ currentStep: 3, status: "running" }, { currentStep: 4, status: "running" })).toBe(
      "step",
    );
    expect(refreshFor(null, { currentStep: 3, status: "running" })).toBe("step");
  });

  test("a status change alone refreshes the status; a repeat refreshes nothing", () => {
    expect(refreshFor({ currentStep: 3, status: "running" }, { currentStep: 3, status: "paused" })).toBe(
      "status",
    );
    expect(refreshFor({ currentStep: 3, status: "running" }, { currentStep: 3, status: "running" })).toBe(
      "none",
    );
  });
});

describe("needsRefetch", () => {
  test("a step refreshes every view a step changes, of this run only", () => {
    for (const view of ["overview", "ratings", "lineage", "prompts", "rollouts", "evolution"] as const)
      expect(needsRefetch(runQueryKey(RUN, view, "page=1"), RUN, "step")).toBe(true);
    expect(needsRefetch(runQueryKey(OTHER, "ratings"), RUN, "step")).toBe(false);
    expect(needsRefetch(["runs-list", ""], RUN, "step")).toBe(false);
  });

  test("committed data is never refetched: a chosen step's grid, replayed ratings, a rollout, a call", () => {
    expect(needsRefetch(runQueryKey(RUN, "head-to-head", LATEST), RUN, "step")).toBe(true);
    expect(needsRefetch(runQueryKey(RUN, "head-to-head", 4), RUN, "step")).toBe(false);
    expect(needsRefetch(runQueryKey(RUN, "ratings-at", 4), RUN, "step")).toBe(false);
    expect(needsRefetch(runQueryKey(RUN, "rollout", "12"), RUN, "step")).toBe(false);
    expect(needsRefetch(runQueryKey(RUN, "llm-call", "9"), RUN, "step")).toBe(false);
  });

  test("loaded rollout pages are extended with the newer rows, never refetched whole by a step", () => {
    expect(needsRefetch(runQueryKey(RUN, "rollout-pages", "sort=newest"), RUN, "step")).toBe(false);
    expect(needsRefetch(runQueryKey(RUN, "rollouts", "sort=newest"), RUN, "step")).toBe(true);
  });

  test("a status change refreshes the overview only", () => {
    expect(needsRefetch(runQueryKey(RUN, "overview"), RUN, "status")).toBe(true);
    expect(needsRefetch(runQueryKey(RUN, "lineage"), RUN, "status")).toBe(false);
    expect(needsRefetch(runQueryKey(RUN, "overview"), RUN, "none")).toBe(false);
  });
});
