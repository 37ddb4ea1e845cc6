import { describe, expect, test } from "vitest";
import { allowsRun, runWhere, scopedRunWhere } from "./scope";

const P = "6a0f2d7e-1c1b-4f55-8f0a-0c9a3d3b7e21";
const Q = "7d1e8b52-3a59-4f0e-9c4b-1e2f3a4b5c6d";
const R = "0b0c8f9e-5f3a-4a49-9f0e-2d7f4d1f6a11";

describe("ReadScope", () => {
  test("a member scope allows every run of its projects and nothing else", () => {
    expect(allowsRun({ projectIds: [P] }, { runId: R, projectId: P })).toBe(true);
    expect(allowsRun({ projectIds: [P] }, { runId: R, projectId: Q })).toBe(false);
    expect(allowsRun({ projectIds: [] }, { runId: R, projectId: P })).toBe(false);
  });

  test("a share scope allows only its runs, even inside its project", () => {
    expect(allowsRun({ projectIds: [P], runIds: [R] }, { runId: R, projectId: P })).toBe(true);
    expect(allowsRun({ projectIds: [P], runIds: [R] }, { runId: Q, projectId: P })).toBe(false);
    expect(runWhere({ projectIds: [P], runIds: [R] })).toEqual({
      AND: [{ projectId: { in: [P] } }, { id: { in: [R] } }],
    });
  });

  test("one run's filter keeps both the asked id and the link's runs: neither replaces the other", () => {
    // A link to R asking for Q must match nothing: both conditions survive, side by side in AND.
    expect(scopedRunWhere({ projectIds: [P], runIds: [R] }, Q)).toEqual({
      AND: [{ id: Q }, { projectId: { in: [P] } }, { id: { in: [R] } }],
    });
    expect(scopedRunWhere({ projectIds: [P] }, Q)).toEqual({ AND: [{ id: Q }, { projectId: { in: [P] } }] });
  });
});
