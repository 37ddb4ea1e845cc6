import { describe, expect, test } from "vitest";
import { attachPolicyPrompt, buildPolicyPrompt, buildPolicyPromptSlots } from "./policy-prompt";
import { buildCritiqueSlots, renderCritiquePrompt } from "./critique-prompt";
import { buildRolloutSummarySlots, renderRolloutSummaryPrompt } from "./rollout-summary-prompt";
import { buildRevisionSlots, renderRevisionPrompt } from "./revision-prompt";
import {
  buildCrossoverPromptMiddle,
  CROSSOVER_CLOSING,
  CROSSOVER_OPENING,
  renderCrossoverPrompt,
} from "./crossover-prompt";
import { PyDict } from "../llm/python-dict";

const principles = [
  { id: "G0", text: "Check parity first." },
  { id: "G1", text: "Try small cases." },
];

describe("policy prompt", () => {
  test("training with no principles sends the raw problem; tests say None", () => {
    expect(buildPolicyPromptSlots([], "2+2?", "train")).toEqual({ usesTemplate: false, raw: "2+2?" });
    expect(buildPolicyPrompt([], "2+2?", "train")).toBe("2+2?");
    expect(buildPolicyPromptSlots([], "2+2?", "test")).toEqual({
      usesTemplate: true,
      problem: "2+2?",
      principles: "None",
    });
  });

  test("the principles block follows the problem", () => {
    const prompt = buildPolicyPrompt(principles, "2+2?", "train");
    expect(prompt.startsWith("Solve the following problem.\n2+2?\n\n")).toBe(true);
    expect(prompt.endsWith("\n[G0]. Check parity first.\n[G1]. Try small cases.")).toBe(true);
    expect(buildPolicyPrompt(principles, "2+2?", "test")).toBe(prompt);
  });

  test("batch items get the prompt first, as the reference's records do", () => {
    const item = attachPolicyPrompt({ problem: "p", groundtruth: 3 }, principles, "train");
    expect(Object.keys(item)).toEqual(["prompt", "problem", "groundtruth"]);
  });
});

describe("mutation prompts", () => {
  test("summary slots use Python reprs and the reference's grade line", () => {
    const slots = buildRolloutSummarySlots([{ role: "user", content: "it's" }], 0, 42);
    expect(slots).toEqual({
      trajectory: `[{'role': 'user', 'content': "it's"}]`,
      grade: "This trajectory delivers **wrong** answer",
      answer: "42",
    });
    expect(renderRolloutSummaryPrompt(slots)).toContain(`<trajectory>\n${slots.trajectory}\n</trajectory>`);
  });

  test("critique slots", () => {
    const slots = buildCritiqueSlots({
      maxOperations: 2,
      problem: "p",
      attempts: [
        { correct: true, summary: "1. ok" },
        { correct: false, summary: "1. bad" },
      ],
      groundtruth: "\\frac12",
      principles: [],
    });
    expect(slots).toEqual({
      max_operations: "2",
      problem: "p",
      trajectories: "Trajectory 1 (Answer correct):\n1. ok\n\nTrajectory 2 (Answer wrong):\n1. bad",
      answer: "\\frac12",
      principles: "None",
    });
    const prompt = renderCritiquePrompt(slots);
    for (const value of Object.values(slots)) expect(prompt).toContain(value);
  });

  test("revision slots are Python reprs", () => {
    const slots = buildRevisionSlots(
      PyDict.fromEntries([
        ["G0", "a"],
        ["C0", "b's"],
      ]),
      [{ operation: "modify", modified_from: "G0", principle: "x" }],
    );
    expect(slots.principles).toBe(`{'G0': 'a', 'C0': "b's"}`);
    expect(slots.updates).toBe("[{'operation': 'modify', 'modified_from': 'G0', 'principle': 'x'}]");
    expect(renderRevisionPrompt(slots)).toContain(slots.principles);
  });
});

describe("crossover prompt", () => {
  test("opening + middle + closing, labels in order, questions stripped", () => {
    const middle = buildCrossoverPromptMiddle(
      [principles, []],
      [[{ problemIndex: 3, text: "  Q three\n" }], []],
    );
    expect(middle).toBe(
      "Principle Set A:\n<principles>\n[A.G0]: Check parity first.\n[A.G1]: Try small cases.\n</principles>\n\n" +
        "Principle Set B:\n<principles>\n\n</principles>\n\n" +
        "Below are the questions each principle set performed best on.\n" +
        "\nQuestions that Principle Set A did best on:\n<questions>\nQ.3: Q three\n</questions>\n" +
        "\nQuestions that Principle Set B did best on:\n<questions>\n\n</questions>\n\n",
    );
    expect(renderCrossoverPrompt(middle)).toBe(CROSSOVER_OPENING + middle + CROSSOVER_CLOSING);
  });
});
