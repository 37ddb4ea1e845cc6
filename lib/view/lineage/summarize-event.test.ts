import { expect, test } from "vitest";
import { summarizeEvent } from "./summarize-event";

test("mutation and crossover summaries read their details; junk degrades to the head line", () => {
  expect(
    summarizeEvent("mutation", "ok", [3], {
      failedStage: null,
      critiqueOperations: [1, 2],
      suggestions: [1],
      newPrinciples: [{}, {}, {}],
    }),
  ).toBe("mutation of #3, ok: 2 critiques, 1 suggestion, 3 principles in the child");
  expect(
    summarizeEvent("crossover", "ok", [4, 1], {
      includedSlots: [0, 1],
      winners: [{}],
      operationOutcomes: [{ status: "applied" }, { status: "failed" }],
    }),
  ).toBe("crossover of #4 + #1, ok: 2 sets, 1 problem winner, operations 1 applied, 0 ignored, 1 failed");
  expect(summarizeEvent("crossover", "failed", [], "garbage")).toBe("crossover, failed");
  expect(summarizeEvent("mutation", "failed", [2], { failedStage: "critique" })).toBe(
    "mutation of #2, failed: failed at critique",
  );
});
