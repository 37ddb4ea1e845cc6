import { describe, expect, test } from "vitest";
import type { ChatFn } from "../llm/chat";
import { planCrossover, problemScore } from "./plan-crossover";
import type { CrossoverInput } from "./plan-crossover";
import { applyCrossoverReply, runCrossover } from "./run-crossover";
import type { CrossoverContext } from "./run-crossover";

const setA = [
  { id: "G0", text: "a0" },
  { id: "G1", text: "a1" },
];
const setB = [{ id: "G0", text: "b0" }];

/** Slot 0 (best) wins problem 0, slot 1 wins problem 1, problem 2 is a tie, slot 2 duplicates slot 0. */
const input: CrossoverInput = {
  slots: [
    { programId: 10, principles: setA },
    { programId: 11, principles: setB },
    { programId: 10, principles: setA },
  ],
  rankedUniqueSlots: [0, 1],
  rewards: [
    [
      [1, 1],
      [0, 0],
      [1, 0],
    ],
    [
      [0, 0],
      [1, 0],
      [0, 1],
    ],
    [
      [1, 1],
      [0, 0],
      [1, 0],
    ],
  ],
  problems: ["zero", " one\n", "two"],
};

const fenced = (value: unknown) => "```json\n" + JSON.stringify(value) + "\n```";

describe("planCrossover", () => {
  test("unique winners per problem, Set A first, eligibility", () => {
    const plan = planCrossover(input);
    expect(plan.wins).toEqual([
      { slot: 0, questions: [{ problemIndex: 0, text: "zero" }] },
      { slot: 1, questions: [{ problemIndex: 1, text: " one\n" }] },
    ]);
    expect(plan.includedSlots).toEqual([0, 1]);
    expect(plan.parentIds).toEqual([10, 11]);
    expect(plan.eligible).toBe(true);
    expect(plan.prompt!.middle).toContain("Q.1: one\n</questions>");
  });

  test("scores closer than 0.01 are a tie; Set A must have won something", () => {
    expect(problemScore([1, 0, 0])).toBe(Math.fround(1 / 3));
    const tied = {
      ...input,
      rewards: [
        [[1], [0]],
        [[1], [1]],
      ],
      problems: ["x", "y"],
      rankedUniqueSlots: [0, 1],
    };
    const plan = planCrossover(tied);
    expect(plan.wins.map((w) => w.questions.length)).toEqual([0, 1]);
    expect(plan.eligible).toBe(false);
    expect(plan.prompt).toBeNull();
  });
});

describe("applyCrossoverReply", () => {
  test("a non-empty parse makes a child even when nothing applies", () => {
    expect(applyCrossoverReply(setA, fenced([{ operation: "remove", remove_id: "B.G1" }]))).toMatchObject({
      status: "child",
      principles: [{ id: "G0", text: "a0" }],
    });
    expect(applyCrossoverReply(setA, fenced("xy"))).toMatchObject({ status: "child", principles: setA });
    expect(applyCrossoverReply(setA, fenced({ any: 1 }))).toMatchObject({
      status: "child",
      principles: setA,
    });
  });

  test("an empty or unparseable reply makes no child", () => {
    expect(applyCrossoverReply(setA, fenced([]))).toMatchObject({ status: "no-child" });
    expect(applyCrossoverReply(setA, "```json\n[1,]\n```")).toMatchObject({
      status: "no-child",
      operations: [],
    });
  });

  test("a bare number fails the event instead of crashing the run", () => {
    for (const value of [0, 3, true, null])
      expect(applyCrossoverReply(setA, fenced(value))).toMatchObject({
        status: "failed",
        error: { type: "TypeError" },
      });
  });
});

describe("runCrossover", () => {
  test("asks once with context and applies the reply", async () => {
    let context: CrossoverContext | undefined;
    const chat: ChatFn = async (request) => {
      context = request.context as CrossoverContext;
      return fenced([{ operation: "add", principle: "from B", evidence: "Q.1" }]);
    };
    const event = await runCrossover(input, chat);
    expect(event.status).toBe("child");
    expect(event.status === "child" && event.principles.map((p) => p.text)).toEqual(["a0", "a1", "from B"]);
    expect(context!.sets.map((s) => [s.label, s.programId])).toEqual([
      ["A", 10],
      ["B", 11],
    ]);
  });

  test("skips without calling when not eligible, and records chat failures", async () => {
    const refuse: ChatFn = async () => {
      throw new Error("down");
    };
    const skipped = await runCrossover({ ...input, rankedUniqueSlots: [0] }, refuse);
    expect(skipped.status).toBe("skipped");
    const failed = await runCrossover(input, refuse);
    expect(failed).toMatchObject({ status: "failed", reply: null, error: { message: "down" } });
  });
});
