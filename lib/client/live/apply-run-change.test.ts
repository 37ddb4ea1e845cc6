import { describe, expect, test } from "vitest";
import type { Overview } from "@/lib/server/read/overview";
import { applyRunChange } from "./apply-run-change";
import type { RunChange } from "@/lib/domain/run-change";

const RUN = "0b0c8f9e-5f3a-4a49-9f0e-2d7f4d1f6a11";
const overview: Overview = {
  projectCount: 1,
  runCounts: { running: 1, completed: 2 },
  recentRuns: [
    {
      id: RUN,
      name: "r",
      projectName: "p",
      status: "running",
      trainMode: "evolution_rl",
      currentStep: 3,
      totalSteps: 10,
      bestTestPass1: 0.2,
      statusDetail: null,
      createdAt: "2026-11-25T00:00:00.000Z",
    },
  ],
};
const change = (over: Partial<RunChange>): RunChange => ({
  runId: RUN,
  projectId: "6a0f2d7e-1c1b-4f55-8f0a-0c9a3d3b7e21",
  status: "running",
  statusDetail: null,
  currentStep: 4,
  totalSteps: 10,
  bestTestPass1: 0.3,
  bestConservative: 1,
  ...over,
});

describe("applyRunChange", () => {
  test("a committed step moves progress and best Pass@1 without touching counts", () => {
    const next = applyRunChange(overview, change({}))!;
    expect(next.recentRuns[0]).toMatchObject({ currentStep: 4, bestTestPass1: 0.3, status: "running" });
    expect(next.runCounts).toBe(overview.runCounts);
    expect(overview.recentRuns[0]!.currentStep).toBe(3);
  });

  test("a status change moves the run between the counts", () => {
    const next = applyRunChange(overview, change({ status: "completed", currentStep: 10 }))!;
    expect(next.runCounts).toEqual({ running: 0, completed: 3 });
    expect(next.recentRuns[0]!.status).toBe("completed");
  });

  test("a run the overview does not list asks for a refetch", () => {
    expect(applyRunChange(overview, change({ runId: "7d1e8b52-3a59-4f0e-9c4b-1e2f3a4b5c6d" }))).toBeNull();
  });
});
