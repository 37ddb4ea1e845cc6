import { describe, expect, test } from "vitest";
import { AppError } from "@/lib/domain/errors";
import type { RunStatus } from "@/lib/generated/prisma/enums";
import { assertTransition, canTransition, isTerminal } from "./run-status";

const ALL: RunStatus[] = ["queued", "running", "paused", "completed", "failed", "cancelled"];

describe("run status machine", () => {
  test.each([
    ["queued", "running"],
    ["running", "paused"],
    ["paused", "running"],
    ["running", "completed"],
    ["running", "failed"],
    ["queued", "cancelled"],
    ["paused", "cancelled"],
  ] as const)("%s → %s is allowed", (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  test("terminal statuses never change", () => {
    for (const from of ALL.filter(isTerminal))
      for (const to of ALL) expect(canTransition(from, to), `${from} → ${to}`).toBe(false);
  });

  test("a queued run cannot complete without running", () => {
    expect(canTransition("queued", "completed")).toBe(false);
  });

  test("a refused transition is a conflict that says why", () => {
    const error = (() => {
      try {
        assertTransition("completed", "running");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("conflict");
    expect((error as AppError).message).toMatch(/already completed/);
  });
});
