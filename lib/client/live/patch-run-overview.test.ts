import { describe, expect, it } from "vitest";
import type { RunOverview } from "@/lib/server/read/run-overview";
import type { RunChange } from "@/lib/domain/run-change";
import { patchRunOverview } from "./patch-run-overview";

const RUN_ID = "00000000-0000-4000-8000-00000000000a";

// Only the fields the patch reads or writes matter; the rest stand in as they arrive from the server.
const overview = {
  run: { id: RUN_ID, status: "running", statusDetail: null, currentStep: 4, totalSteps: 50 },
  stepCount: 4,
  lastStep: 3,
  series: { "rollout/pass@1": [] },
} as unknown as RunOverview;

const change = (patch: Partial<RunChange>): RunChange => ({
  runId: RUN_ID,
  projectId: "00000000-0000-4000-8000-00000000000b",
  status: "running",
  statusDetail: null,
  currentStep: 5,
  totalSteps: 50,
  bestTestPass1: null,
  bestConservative: null,
  ...patch,
});

describe("patchRunOverview", () => {
  it("moves the header's step and status, leaving the charts to the refetch", () => {
    const next = patchRunOverview(overview, change({ currentStep: 5 }));
    expect(next.stepCount).toBe(5);
    expect(next.run.currentStep).toBe(5);
    expect(next.lastStep).toBe(3);
    expect(next.series).toBe(overview.series);
  });

  it("takes a status change without a step", () => {
    const next = patchRunOverview(
      overview,
      change({ currentStep: 4, status: "paused", statusDetail: "paused by you" }),
    );
    expect(next.run.status).toBe("paused");
    expect(next.run.statusDetail).toBe("paused by you");
    expect(next.stepCount).toBe(4);
  });

  it("never moves the step count backwards (a late event after a newer refetch)", () => {
    expect(patchRunOverview(overview, change({ currentStep: 2 })).stepCount).toBe(4);
  });

  it("ignores another run's change", () => {
    expect(patchRunOverview(overview, change({ runId: "00000000-0000-4000-8000-00000000000c" }))).toBe(
      overview,
    );
  });
});
