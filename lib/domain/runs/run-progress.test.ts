import { expect, test } from "vitest";
import { estimateRunProgress, formatDuration } from "./run-progress";

test("elapsed from first start to last commit; ETA from the mean step time", () => {
  const p = estimateRunProgress({
    stepCount: 4,
    totalSteps: 10,
    firstStartedAt: "2026-01-01T00:00:00Z",
    lastCommittedAt: "2026-01-01T00:00:40Z",
    finished: false,
  });
  expect(p).toEqual({ fraction: 0.4, elapsedMs: 40_000, etaMs: 60_000 });
});

test("no steps: no times; finished: no ETA", () => {
  expect(
    estimateRunProgress({
      stepCount: 0,
      totalSteps: 10,
      firstStartedAt: null,
      lastCommittedAt: null,
      finished: false,
    }),
  ).toEqual({ fraction: 0, elapsedMs: null, etaMs: null });
  expect(
    estimateRunProgress({
      stepCount: 10,
      totalSteps: 10,
      firstStartedAt: "2026-01-01T00:00:00Z",
      lastCommittedAt: "2026-01-01T00:01:00Z",
      finished: true,
    }).etaMs,
  ).toBeNull();
});

test("formatDuration", () => {
  expect(formatDuration(null)).toBe("—");
  expect(formatDuration(5_000)).toBe("5s");
  expect(formatDuration(125_000)).toBe("2m 5s");
  expect(formatDuration(3_900_000)).toBe("1h 5m");
});
