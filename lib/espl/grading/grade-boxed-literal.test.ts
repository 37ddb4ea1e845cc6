import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { MAX_SCANNED_CHARS, gradeAnswer, gradeAnswerSlow } from "./grade-answer";
import { readBoxedLiteral } from "./grade-boxed-literal";
import { readReferenceCompletions } from "./testing/reference-runs";

// These tests compare the two paths' logic. Both run under wall-clock budgets (150 ms), which a loaded
// machine can spend on one grade, so the clock is held still here: no budget expires mid-comparison.
// (The budgets mirror the reference's timeouts; they are not what these tests check.)
beforeAll(() => {
  vi.spyOn(performance, "now").mockReturnValue(0);
});
afterAll(() => {
  vi.restoreAllMocks();
});

/** Answers the shortcut reads, and near-misses it must leave to the full path. */
const LITERALS = [
  ...["0", "-0", "00", "7", "17", "017", "-017", "-5", "41", "1460", "12345678901234567890123"],
  ...["12345678901234567890124", "9".repeat(60), "9".repeat(99), "9".repeat(400)],
  ...["1,000", "-1,000", "1,000,000", "1,00", "12,34", "3,5"],
  ...["0.5", "1.5", "-1.50", "1.0", "1", "0.333333", "1423.5", ".5", "5.", "1e5", "+5", " 5", "5 "],
  ...["\\frac{1}{3}", "\\dfrac{1}{3}", "-\\tfrac{2}{6}", "\\cfrac{4}{2}", "\\frac{10}{5}", "\\frac{1}{2}"],
  ...["\\frac{1}{0}", "\\frac{0}{0}", "-\\frac{0}{1}", "\\frac12", "\\frac{-1}{2}", "2\\frac{1}{2}"],
];

/** Endings of completions, from the simulator's own to ones where another candidate must win. */
const CLOSINGS: ((answer: string) => string)[] = [
  (a) => `Let me work through this.\n27 + 14 = 41.\n\nSo the answer is \\boxed{${a}}.`,
  (a) => `We solve this carefully.\n\nTherefore, the final answer is $\\boxed{${a}}$.`,
  (a) => `Hence the result is \\boxed{${a}}.`,
  (a) => `Hence the final answer is \\boxed{${a}}.\n`,
  (a) => `Therefore, the final answer is $\\boxed{${a}}$ .\n `,
  (a) => `The final answer: \\boxed{${a}}`,
  (a) => `Final Answer is $\\boxed{${a}}$%`,
  (a) => `final answer is $\\boxed{${a}}$ and $7$`,
  (a) => `final answer is\n$\\boxed{${a}}$`,
  (a) => `final answer  is $\\boxed{${a}}$`,
  (a) => `The final answer is $\\boxed{${a}}$. I hope it is correct.`,
  (a) => `The final answer is $5$. I hope it is correct. \\boxed{${a}}`,
  (a) => `\\boxed{${a}} Final answer is 7`,
  (a) => `\\boxed{${a}} final answer is $7$ ok`,
  (a) => `The answer is 12. The final answer is \\boxed{${a}}`,
  (a) => `the final answer is \\boxed{${a}} is it`,
  (a) => `\\boxed{\\boxed{${a}}}`,
  (a) => `\\boxed{1} then \\boxed{${a}} \\fbox{3}`,
  (a) => `\\fbox{3} then \\boxed{${a}}`,
  (a) => `\\boxed {${a}}`,
  (a) => `\\\\boxed{${a}}`,
  (a) => `\\boxed{${a}}}`,
  (a) => `{ \\boxed{${a}}`,
  (a) => `$\\boxed{${a}}$ and $\\boxed{3}$`,
  (a) => `\\[\\boxed{${a}}\\]`,
  (a) => `x = \\boxed{${a}} \\%`,
  (a) => `\\boxed{${a}} percent`,
];

/** Completions longer than the scanned tail: the box may be cut off, or sit in the tail. */
const LONG_CLOSINGS: ((answer: string) => string)[] = [
  (a) => `${"x".repeat(MAX_SCANNED_CHARS)} \\boxed{${a}}`,
  (a) => `\\boxed{${a}}${"x".repeat(MAX_SCANNED_CHARS)}`,
  (a) => `\\boxed{${a}}${"x".repeat(MAX_SCANNED_CHARS - 2)}`,
];
/** Ground truths for the grid: one of each kind of literal, equal and unequal to the answers. */
const TRUTHS = [
  "0",
  "-0",
  "17",
  "017",
  "-5",
  "1,000",
  "1",
  "1.0",
  "0.5",
  "0.333333",
  "\\frac{1}{3}",
  "\\frac{1}{2}",
];

/** Asserts that both paths agree; true when the shortcut answered (so the case tested it). */
function expectSameGrade(completion: string, truth: string | number): boolean {
  const fast = gradeAnswer(completion, truth);
  const slow = gradeAnswerSlow(completion, truth);
  // expect() only on a difference: the grids below run tens of thousands of cases.
  if (fast.reward !== slow.reward || fast.extracted !== slow.extracted)
    expect(fast, JSON.stringify({ completion: completion.slice(-120), truth })).toEqual(slow);
  const pred = readBoxedLiteral(completion.slice(-MAX_SCANNED_CHARS));
  return pred !== null && readBoxedLiteral(`\\boxed{${String(truth)}}`) !== null;
}

describe("readBoxedLiteral", () => {
  test.each([
    ["So the answer is \\boxed{41}.", "41"],
    ["Therefore, the final answer is $\\boxed{-12}$.", "-12"],
    ["Hence the result is \\boxed{1,000}.", "1,000"],
    ["$x = \\boxed{1423.5}$.", "1423.5"],
    ["$x = \\boxed{\\dfrac{43}{9}}$.", "\\frac{43}{9}"],
  ])("reads %j as %j", (completion, text) => {
    expect(readBoxedLiteral(completion)?.text).toBe(text);
  });

  test.each([
    "The final answer is $\\boxed{5}$. I hope it is correct.",
    "\\boxed{5} and then {x}",
    "The final answer is \\boxed{5}, which is odd.",
    "\\boxed{x + 1}",
    `\\boxed{${"1".repeat(200)}}`,
    "no box at all: 5",
  ])("leaves %j to the full path", (completion) => {
    expect(readBoxedLiteral(completion)).toBeNull();
  });
});

describe("gradeAnswer's shortcut agrees with the full path", () => {
  test("on every closing × literal answer × literal ground truth", () => {
    let shortcuts = 0;
    for (const closing of CLOSINGS)
      for (const answer of LITERALS)
        for (const truth of TRUTHS) if (expectSameGrade(closing(answer), truth)) shortcuts++;
    expect(shortcuts).toBeGreaterThan(1000);
  });

  test("on completions longer than the scanned tail", () => {
    for (const closing of LONG_CLOSINGS)
      for (const answer of ["17", "0.5", "\\frac{1}{2}"])
        for (const truth of TRUTHS) expectSameGrade(closing(answer), truth);
  });

  test("on numeric ground truths", () => {
    const truths = [17, -5, 0, -0, 41, 1e21, 0.5, 1 / 3, 1423.5, Number.NaN, Number.POSITIVE_INFINITY];
    for (const truth of truths) for (const answer of LITERALS) expectSameGrade(`\\boxed{${answer}}`, truth);
  });

  test("on generated completions", () => {
    const piece = fc.constantFrom(
      ...["final answer", "Final Answer", " is ", " is", ":", "$", "$$", "\\boxed{", "\\fbox{", "}", "{"],
      ...["I hope", ". ", ".", "\n", " ", "12", "-3", "1,000", "0.5", "\\frac{1}{2}", "\\dfrac", " and "],
      ...[",", "%", " percent", "\\(", "\\)", "\\[", "\\]", " [", "] ", "=", "answer", "answer:", "**", "x"],
    );
    const literal = fc.constantFrom(...LITERALS);
    const prose = fc.array(piece, { maxLength: 20 }).map((parts) => parts.join(""));
    const completion = fc.oneof(
      fc.tuple(prose, literal, prose).map(([before, answer, after]) => `${before}\\boxed{${answer}}${after}`),
      fc.tuple(prose, literal).map(([before, answer]) => `${before}\\boxed{${answer}}.`),
      prose,
    );
    fc.assert(
      fc.property(completion, fc.oneof(literal, prose), (text, truth) => {
        expectSameGrade(text, truth);
      }),
      { numRuns: 3000 },
    );
  });

  test("on the reference-run completions, against their own and other ground truths", () => {
    const graded = readReferenceCompletions();
    const truths = [...new Set(graded.map((g) => String(g.groundTruth)))];
    let shortcuts = 0;
    graded.forEach(({ completion, groundTruth }, i) => {
      if (expectSameGrade(completion, groundTruth)) shortcuts++;
      expectSameGrade(completion, truths[i % truths.length]!);
    });
    expect(shortcuts).toBeGreaterThan(1000);
  });
});
