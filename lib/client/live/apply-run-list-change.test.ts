import { describe, expect, test } from "vitest";
import type { RunListPage, RunListRow } from "@/lib/server/read/list-runs";
import { applyRunListChange } from "./apply-run-list-change";
import type { RunChange } from "@/lib/domain/run-change";

const row: RunListRow = {
  id: "00000000-0000-4000-8000-000000000001",
  projectId: "00000000-0000-4000-8000-000000000009",
  name: "a",
  projectName: "p",
  status: "running",
  statusDetail: null,
  trainMode: "rl",
  backend: "simulator",
  dataset: "d",
  currentStep: 1,
  totalSteps: 5,
  bestTestPass1: null,
  bestConservative: null,
  createdBy: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  tags: [],
  experiment: null,
  starred: false,
  archivedAt: null,
  values: {},
  groupKey: null,
};
const page: RunListPage = { rows: [row], total: 1, page: 1, pageCount: 1, size: 25, groups: null };
const change = (over: Partial<RunChange>): RunChange => ({
  runId: row.id,
  projectId: "00000000-0000-4000-8000-000000000009",
  status: "completed",
  statusDetail: null,
  currentStep: 5,
  totalSteps: 5,
  bestTestPass1: 0.5,
  bestConservative: 1.25,
  ...over,
});

describe("applyRunListChange", () => {
  test("patches a listed run", () => {
    const next = applyRunListChange(page, change({}));
    expect(next?.rows[0]).toMatchObject({
      status: "completed",
      currentStep: 5,
      bestTestPass1: 0.5,
      bestConservative: 1.25,
    });
    expect(page.rows[0]!.status).toBe("running");
  });

  test("a new run asks for a refetch; another unlisted run changes nothing", () => {
    const other = "00000000-0000-4000-8000-000000000002";
    expect(applyRunListChange(page, change({ runId: other, status: "queued", currentStep: 0 }))).toBeNull();
    expect(applyRunListChange(page, change({ runId: other, status: "running", currentStep: 3 }))).toBe(page);
  });
});
