import { existsSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { gradeAnswer } from "./grade-answer";
import { REFERENCE_RUNS_DIR, readReferenceCompletions } from "./testing/reference-runs";

const box = (answer: string) => `Some reasoning first. Therefore the answer is $\\boxed{${answer}}$.`;

/** [prediction inside \boxed{}, ground truth] pairs that must grade as correct. */
const EQUIVALENT: [string, string][] = [
  ["17", "17"],
  ["017", "17"],
  ["-5", "-5"],
  ["1,000", "1000"],
  ["1{,}000", "1000"],
  ["1\\,000", "1000"],
  ["12345678901234567890123", "12345678901234567890123"],
  ["0.5", "\\frac{1}{2}"],
  ["\\frac{1}{2}", "0.5"],
  ["\\dfrac{3}{4}", "\\frac34"],
  ["\\tfrac{6}{8}", "3/4"],
  ["0.333333", "\\frac{1}{3}"],
  ["50\\%", "0.5"],
  ["2\\sqrt{3}", "\\sqrt{12}"],
  ["\\frac{\\sqrt{3}}{2}", "\\frac{\\sqrt3}{2}"],
  ["\\sqrt[3]{27}", "3"],
  ["2\\pi", "2\\pi"],
  ["\\pi r^2", "r^2\\pi"],
  ["2^{10}", "1024"],
  ["2^10", "1024"],
  ["3 \\cdot 4", "12"],
  ["3 \\times 4", "12"],
  ["\\left( \\frac{1}{2} \\right)", "\\frac{1}{2}"],
  ["3\\frac{1}{2}", "\\frac{7}{2}"],
  ["90^\\circ", "90"],
  ["90^{\\circ}", "90"],
  ["12 \\text{ cm}", "12"],
  ["5\\text{ units}", "5"],
  ["\\$25", "25"],
  ["x = 5", "5"],
  ["5", "x = 5"],
  ["(x+1)^2", "x^2+2x+1"],
  ["\\frac{x}{2}", "0.5x"],
  ["(1, 2)", "(1,2)"],
  ["\\{2, 1\\}", "\\{1, 2\\}"],
  ["1, 2", "\\{2, 1\\}"],
  ["[1, 3)", "[1,3)"],
  ["\\binom{5}{2}", "10"],
  ["5!", "120"],
  ["\\log_2 8", "3"],
  ["e^{i\\pi}", "-1"],
  ["|-3|", "3"],
  ["\\text{Alice}", "\\text{Alice}"],
  ["\\infty", "\\infty"],
  ["-\\infty", "-\\infty"],
  ["2^{2024}", "2^{2024}"],
  ["2^{100}", "1267650600228229401496703205376"],
];

/** Pairs that must grade as wrong. */
const NOT_EQUIVALENT: [string, string][] = [
  ["18", "17"],
  ["-17", "17"],
  ["0.33", "\\frac{1}{3}"],
  ["3.14", "\\pi"],
  ["50\\%", "50"],
  ["\\frac{1}{2}", "2"],
  ["x^2", "y^2"],
  ["x + 1", "x - 1"],
  ["(1, 2)", "(2, 1)"],
  ["(1, 2)", "[1, 2]"],
  ["\\{1, 2\\}", "\\{1, 2, 3\\}"],
  ["12345678901234567890123", "12345678901234567890124"],
  ["\\text{Bob}", "\\text{Alice}"],
  ["", "17"],
  ["3^{2024}", "2^{2024}"],
  ["\\infty", "-\\infty"],
];

describe("gradeAnswer: equivalence", () => {
  test.each(EQUIVALENT)("\\boxed{%s} matches %s", (prediction, truth) => {
    expect(gradeAnswer(box(prediction), truth).reward).toBe(1);
  });

  test.each(NOT_EQUIVALENT)("\\boxed{%s} does not match %s", (prediction, truth) => {
    expect(gradeAnswer(box(prediction), truth).reward).toBe(0);
  });

  test("numeric ground truths (train answers are stored as ints) work", () => {
    expect(gradeAnswer(box("204"), 204)).toEqual({ reward: 1, extracted: "204" });
  });
});

describe("gradeAnswer: extraction priorities", () => {
  test("the last \\boxed{} wins, nested braces included", () => {
    expect(gradeAnswer("First \\boxed{3}, corrected: \\boxed{\\frac{1}{4}}", "1/4")).toEqual({
      reward: 1,
      extracted: "\\frac{1}{4}",
    });
  });

  test("a boxed answer beats a later plain number", () => {
    expect(gradeAnswer("So \\boxed{12}. Check: 12 = 3 * 4 and 7", "12").reward).toBe(1);
  });

  test("'final answer is X. I hope' beats everything", () => {
    expect(gradeAnswer("\\boxed{5} The final answer is $7$. I hope it is correct.", "7").reward).toBe(1);
  });

  test("without a box, an 'answer:' phrase beats the last number", () => {
    expect(gradeAnswer("Answer: 42. We checked 43 cases.", "42").reward).toBe(1);
  });

  test("otherwise the last number or math span decides", () => {
    expect(gradeAnswer("We try 3, then 5, and get 9", "9")).toEqual({ reward: 1, extracted: "9" });
    expect(gradeAnswer("We try $3$ and end with $\\frac{9}{2}$", "4.5").reward).toBe(1);
    expect(gradeAnswer("The result is 1,234 apples", "1234").reward).toBe(1);
    expect(gradeAnswer("It costs $100", "100").reward).toBe(1);
    expect(gradeAnswer("The probability is 25%", "0.25").reward).toBe(1);
  });

  test("joined math spans form a set", () => {
    expect(gradeAnswer("The roots are $x = 2$ and $x = 3$.", "\\{2, 3\\}").reward).toBe(1);
    expect(gradeAnswer("The roots are $x = 2$ and $x = 3$.", "2").reward).toBe(0);
  });

  test("a cut-off box is ignored and the last free-standing number decides", () => {
    // "{2" is not preceded by whitespace or "=", so it is not a number candidate (as in math-verify).
    expect(gradeAnswer("so the total is 27, giving \\boxed{2", "27").reward).toBe(1);
    expect(gradeAnswer("so the total is 27, giving \\boxed{2", "2").reward).toBe(0);
  });

  test("unparseable answers still compare as strings", () => {
    expect(gradeAnswer("\\boxed{\\text{(B)} \\le 3}", "\\text{(B)} \\le 3").reward).toBe(1);
  });

  test("nothing to extract gives reward 0 and no extracted text", () => {
    expect(gradeAnswer("I do not know.", "17")).toEqual({ reward: 0, extracted: null });
  });
});

describe("gradeAnswer: robustness", () => {
  const latexish = fc.stringMatching(/^[\\{}$()[\]^_0-9a-z .,=%!|+\-*/]{0,80}$/);

  test("never throws and always returns a 0/1 reward", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), latexish, latexish.map(box)),
        fc.oneof(fc.string(), latexish),
        (completion, truth) => {
          const result = gradeAnswer(completion, truth);
          return (
            (result.reward === 0 || result.reward === 1) &&
            (result.extracted === null || typeof result.extracted === "string")
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  test("bad input types grade as 0 instead of throwing", () => {
    expect(gradeAnswer(undefined as unknown as string, "1").reward).toBe(0);
    expect(gradeAnswer("\\boxed{1}", null as unknown as string).reward).toBe(0);
    expect(
      gradeAnswer(
        {
          toString: () => {
            throw new Error("boom");
          },
        } as unknown as string,
        "1",
      ),
    ).toEqual({
      reward: 0,
      extracted: null,
    });
  });

  test.each([
    ["1 ".repeat(20_000) + "x"],
    ["$".repeat(50_000)],
    ["\\(".repeat(20_000)],
    ["\\boxed{".repeat(10_000)],
    ["answer: = = = = ".repeat(3_000)],
    ["\\boxed{" + "2^{".repeat(300) + "2" + "}".repeat(300) + "}"],
    ["\\boxed{\\binom{1000000000}{500000000}}"],
    ["\\boxed{1000000!}"],
  ])("hostile input stays fast (%#)", (completion) => {
    const started = performance.now();
    expect(gradeAnswer(completion, "7").reward).toBe(0);
    expect(performance.now() - started).toBeLessThan(1500);
  });
});

// Completions written by the reference runs, graded there by a math-verify stand-in: every stored reward
// must be reproduced.
describe("reference runs", () => {
  test("the committed reference runs are present", () => {
    expect(existsSync(REFERENCE_RUNS_DIR)).toBe(true);
  });

  test("every stored reward is reproduced", () => {
    const graded = readReferenceCompletions();
    for (const { completion, groundTruth, reward } of graded) {
      expect(gradeAnswer(completion, groundTruth).reward, completion).toBe(reward);
    }
    expect(graded.length).toBeGreaterThan(1000);
  });
});
