import { describe, expect, test } from "vitest";
import {
  formatProgress,
  formatRunDetail,
  formatRunEnd,
  formatRunList,
  formatStatus,
  formatTime,
} from "./format-run";
import type { RunDetail } from "@/lib/domain/runs/run-detail";
import { formatStepLine } from "./step-lines";

const RUN: RunDetail = {
  id: "6f1d3c2a-1b2c-4d5e-8f90-123456789abc",
  name: "espl-lucb · seed 42",
  projectSlug: "default",
  status: "running",
  control: "none",
  statusDetail: null,
  trainMode: "evolution_rl",
  seed: 42,
  tags: ["a", "b"],
  currentStep: 3,
  totalSteps: 8,
  bestTestPass1: 0.41666,
  bestConservative: 1.23456,
  bestProgramId: 4,
  datasetName: null,
  backendName: null,
  error: null,
  createdAt: "2026-11-25T12:34:56.000Z",
  startedAt: "2026-11-25T12:35:00.000Z",
  finishedAt: null,
};

describe("format-run", () => {
  test("times are UTC to the minute", () => {
    expect(formatTime(new Date("2026-01-02T03:04:59.999Z"))).toBe("2026-01-02 03:04Z");
    expect(formatTime("2026-01-02T03:04:59.999Z")).toBe("2026-01-02 03:04Z");
    expect(formatTime(null)).toBe("–");
  });

  test("progress", () => {
    expect(formatProgress(3, 8)).toBe("3/8 steps (37%)");
    expect(formatProgress(8, 8)).toBe("8/8 steps (100%)");
    expect(formatProgress(2, 0)).toBe("2 steps");
  });

  test("status with pending controls and details", () => {
    expect(formatStatus(RUN)).toBe("running");
    expect(formatStatus({ ...RUN, control: "pause" })).toBe("running (pause requested)");
    expect(formatStatus({ ...RUN, control: "hard_cancel", statusDetail: "retrying: 429" })).toBe(
      "running (hard cancel requested; retrying: 429)",
    );
  });

  test("one run in detail", () => {
    const lines = formatRunDetail({ ...RUN, error: "boom\nstack" });
    expect(lines).toContain(`run         ${RUN.id}`);
    expect(lines).toContain("progress    3/8 steps (37%)");
    expect(lines).toContain("best Pass@1 0.417 (test)");
    expect(lines).toContain("best μ−3σ   1.235 (program 4)");
    expect(lines).toContain("dataset     built-in simulator suite");
    expect(lines).toContain("backend     sim");
    expect(lines).toContain("finished    –");
    expect(lines.at(-1)).toBe("error       boom");
    expect(formatRunDetail({ ...RUN, bestConservative: null, bestTestPass1: null })).toContain(
      "best μ−3σ   –",
    );
  });

  test("the list is a table without trailing spaces", () => {
    const lines = formatRunList([
      RUN,
      { ...RUN, id: "x", status: "completed", totalSteps: 0, bestTestPass1: null },
    ]);
    expect(lines).toEqual([
      `ID${" ".repeat(36)}STATUS     STEPS  PASS@1  CREATED            NAME`,
      `${RUN.id}  running    3/8    0.417   2026-11-25 12:34Z  espl-lucb · seed 42`,
      `x${" ".repeat(37)}completed  3      –       2026-11-25 12:34Z  espl-lucb · seed 42`,
    ]);
    for (const line of lines) expect(line).not.toMatch(/ $/);
    expect(formatRunList([])).toEqual(["no runs yet (espl run --help)"]);
  });

  test("how a followed run ended", () => {
    const end = { currentStep: 8, bestTestPass1: 0.5, error: null };
    expect(formatRunEnd({ ...end, status: "completed" })).toBe("completed: 8 steps, best test Pass@1 0.500");
    expect(formatRunEnd({ ...end, status: "failed", error: "bad\nstack" })).toBe("failed after 8 steps: bad");
    expect(formatRunEnd({ ...end, status: "cancelled" })).toBe("cancelled after 8 steps");
  });

  test("step lines count from 1, like the progress", () => {
    expect(formatStepLine({ step: 0, testPass1: 0.25, bestConservative: -1.5 }, 8)).toBe(
      "step 1/8  test Pass@1 0.250  best μ−3σ -1.500",
    );
    expect(formatStepLine({ step: 4, testPass1: null, bestConservative: null }, 0)).toBe(
      "step 5  test Pass@1 –  best μ−3σ –",
    );
  });
});
