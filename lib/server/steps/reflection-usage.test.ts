import { describe, expect, test } from "vitest";
import type { ChatUsage } from "@/lib/espl/llm/chat";
import { sumReflectionUsage } from "./reflection-usage";
import type { EvolutionEventRow } from "./step-rows";

const usage = (promptTokens: number | null, completionTokens: number | null): ChatUsage => ({
  model: "m",
  promptTokens,
  completionTokens,
  latencyMs: 5,
  retries: 0,
  costUsd: null,
});

function event(usages: (ChatUsage | null | undefined)[]): EvolutionEventRow {
  return {
    kind: "mutation",
    status: "ok",
    parentIds: [0],
    childId: null,
    error: null,
    details: {},
    calls: usages.map((u, ordinal) => ({
      ordinal,
      purpose: "mutation.summary",
      prompt: "p",
      rawReply: "r",
      error: null,
      usage: u,
    })),
  };
}

describe("sumReflectionUsage", () => {
  test("counts every call and sums the tokens of all events", () => {
    expect(sumReflectionUsage([event([usage(10, 3), usage(7, 2)]), event([usage(1, 1)])])).toEqual({
      calls: 3,
      promptTokens: 18,
      completionTokens: 6,
      unrecorded: 0,
    });
  });

  test("a call without counts is counted as a call and as unrecorded, adding no tokens", () => {
    expect(sumReflectionUsage([event([usage(10, 3), null, undefined, usage(4, null)])])).toEqual({
      calls: 4,
      promptTokens: 14,
      completionTokens: 3,
      unrecorded: 3,
    });
  });

  test("no events, nothing", () => {
    expect(sumReflectionUsage([])).toEqual({ calls: 0, promptTokens: 0, completionTokens: 0, unrecorded: 0 });
  });
});
