import { describe, expect, test } from "vitest";
import type { RunChange } from "@/lib/domain/run-change";
import { applyExperimentChange } from "./apply-experiment-change";

const member = "00000000-0000-4000-8000-000000000001";
const stranger = "00000000-0000-4000-8000-000000000002";

function change(runId: string): RunChange {
  return {
    runId,
    projectId: "00000000-0000-4000-8000-00000000000a",
    status: "running",
    statusDetail: null,
    currentStep: 3,
    totalSteps: 10,
    bestTestPass1: 0.5,
    bestConservative: null,
  };
}

describe("applyExperimentChange", () => {
  const groups = { table: { runs: [{ id: member }] } };

  test("a change of one of the experiment's runs refetches the group read", () => {
    expect(applyExperimentChange(groups, change(member))).toBeNull();
  });

  test("another run's change leaves the read as it is", () => {
    expect(applyExperimentChange(groups, change(stranger))).toBe(groups);
  });
});
