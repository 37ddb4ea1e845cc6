import { describe, expect, test } from "vitest";
import fc from "fast-check";
import type { ChatFn, ChatRequest } from "../llm/chat";
import { runPrincipleUpdater, shouldCreateMutationChild } from "./run-principle-updater";
import type { BatchContext, CritiqueContext, RolloutRecord } from "./types";

function rollout(runid: number, problem: string, reward: number): RolloutRecord {
  const prompt = `PROMPT ${problem}`;
  return {
    runid,
    prompt,
    problem,
    groundtruth: 7,
    reward,
    trajectories: [
      {
        trajectory: [
          { role: "user", content: prompt },
          { role: "assistant", content: `answer ${runid}` },
        ],
      },
    ],
  };
}

/** p1 is mixed, p2 all correct, p3 mixed. */
const rollouts = [
  rollout(0, "p1", 1),
  rollout(1, "p1", 0),
  rollout(2, "p2", 1),
  rollout(3, "p2", 1),
  rollout(4, "p3", 0),
  rollout(5, "p3", 1),
];
const principles = [
  { id: "G0", text: "a" },
  { id: "G1", text: "b" },
];

const fenced = (value: unknown) => "Reasoning.\n```json\n" + JSON.stringify(value) + "\n```";

function chatFrom(replies: { critique?: string[]; batch?: string; fail?: string }): {
  chat: ChatFn;
  requests: ChatRequest[];
} {
  const requests: ChatRequest[] = [];
  let critiques = 0;
  const chat: ChatFn = async (request) => {
    requests.push(request);
    if (request.purpose === replies.fail) throw new Error("model unavailable");
    if (request.purpose === "mutation.summary")
      return `summary of ${request.messages[0]!.content.length} chars`;
    if (request.purpose === "mutation.critique") return replies.critique?.[critiques++] ?? fenced([]);
    return replies.batch ?? fenced([]);
  };
  return { chat, requests };
}

describe("runPrincipleUpdater", () => {
  test("summarises mixed problems only, critiques each, revises in one call", async () => {
    const { chat, requests } = chatFrom({
      critique: [
        fenced([
          { operation: "add", principle: "new one" },
          { operation: "modify", modified_from: "G1", principle: "b2" },
          { operation: "add", principle: "cut by max_operations" },
        ]),
        fenced([{ operation: "modify", modified_from: "[G0]", principle: "ignored" }]),
      ],
      batch: fenced([
        { operation: "modify", modified_from: "G1", principle: "b2" },
        { operation: "merge", merged_from: ["G0", "C0"], principle: "a+new" },
      ]),
    });
    const result = await runPrincipleUpdater({ principles, rollouts, maxOperations: 2, chat });
    expect(result.error).toBeNull();
    expect(requests.map((r) => r.purpose)).toEqual([
      ...Array(4).fill("mutation.summary"),
      "mutation.critique",
      "mutation.critique",
      "mutation.batch",
    ]);
    expect(requests.every((r) => r.messages.length === 1 && r.messages[0]!.role === "user")).toBe(true);
    const critiqueContext = requests[4]!.context as CritiqueContext;
    expect(critiqueContext.problem).toBe("p1");
    expect(critiqueContext.attempts.map((a) => a.correct)).toEqual([true, false]);
    const batchContext = requests[6]!.context as BatchContext;
    expect(batchContext.candidates.map((c) => c.id)).toEqual(["G0", "G1", "C0"]);
    expect(batchContext.suggestions).toEqual([{ operation: "modify", modified_from: "G1", principle: "b2" }]);
    expect(result.critiqueOperations.map((ops) => (ops as unknown[]).length)).toEqual([2, 1]);
    expect(result.preRenumberPrinciples).toEqual([
      ["G1", "b2"],
      ["C1", "a+new"],
    ]);
    expect(result.newPrinciples).toEqual([
      { id: "G0", text: "b2" },
      { id: "G1", text: "a+new" },
    ]);
    expect(shouldCreateMutationChild(result)).toBe(true);
    expect(result.calls.map((c) => c.reply === null)).toEqual(Array(7).fill(false));
  });

  test("with no mixed problem the batch call is still made", async () => {
    const { chat, requests } = chatFrom({});
    const result = await runPrincipleUpdater({
      principles,
      rollouts: rollouts.slice(2, 4),
      maxOperations: 2,
      chat,
    });
    expect(requests.map((r) => r.purpose)).toEqual(["mutation.batch"]);
    expect(result.newPrinciples).toEqual(principles);
  });

  test("an empty result makes no child", async () => {
    const { chat } = chatFrom({});
    const result = await runPrincipleUpdater({ principles: [], rollouts: [], maxOperations: 2, chat });
    expect(result.error).toBeNull();
    expect(result.newPrinciples).toEqual([]);
    expect(shouldCreateMutationChild(result)).toBe(false);
  });

  test.each([
    [
      "a critique object",
      { critique: [fenced({ operation: "add", principle: "x" })] },
      "critique",
      "TypeError",
    ],
    ["a critique number", { critique: [fenced(3)] }, "critique", "TypeError"],
    ["an op without operation", { critique: [fenced([{ principle: "x" }])] }, "suggestions", "KeyError"],
    ["an add without principle", { critique: [fenced([{ operation: "add" }])] }, "suggestions", "KeyError"],
    [
      "a modify with a list id",
      { critique: [fenced([{ operation: "modify", modified_from: ["G0"] }])] },
      "suggestions",
      "TypeError",
    ],
    ["a non-object op", { critique: [fenced(["x"])] }, "suggestions", "TypeError"],
    ["a bare-number plan", { batch: fenced(7) }, "revision", "TypeError"],
  ])("%s aborts the mutation", async (_name, replies, stage, type) => {
    const { chat } = chatFrom(replies);
    const result = await runPrincipleUpdater({ principles, rollouts, maxOperations: 2, chat });
    expect(result.error).toMatchObject({ stage, type });
    expect(result.newPrinciples).toBeNull();
    expect(shouldCreateMutationChild(result)).toBe(false);
  });

  test("a failed chat call is recorded, all of the stage's requests are still made", async () => {
    const { chat, requests } = chatFrom({ fail: "mutation.summary" });
    const result = await runPrincipleUpdater({ principles, rollouts, maxOperations: 2, chat });
    expect(requests).toHaveLength(4);
    expect(result.error).toMatchObject({ stage: "summary", type: "Error", message: "model unavailable" });
    expect(result.calls.every((c) => c.error?.message === "model unavailable")).toBe(true);
  });

  test("never throws, whatever the replies", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.string(), fc.jsonValue().map(fenced)), { minLength: 3 }),
        async (replies) => {
          let i = 0;
          const chat: ChatFn = async () => replies[i++ % replies.length]!;
          const result = await runPrincipleUpdater({ principles, rollouts, maxOperations: 2, chat });
          expect(result.newPrinciples === null).toBe(result.error !== null);
        },
      ),
      { numRuns: 200 },
    );
  });
});
