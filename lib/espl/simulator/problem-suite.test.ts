import { describe, expect, test } from "vitest";
import { gradeAnswer } from "../grading/grade-answer";
import { classifyQuestion, getCategory } from "./categories";
import { CATEGORY_IDS, DIFFICULTIES } from "./category-types";
import { writeCompletion } from "./completion-text";
import { generateSuite } from "./problem-suite";
import { readProblemModel } from "./problem-model";
import { createStreamRng } from "./stream-seed";

describe("generateSuite", () => {
  test("is deterministic for a seed and differs between seeds", () => {
    expect(generateSuite({ seed: 42 })).toEqual(generateSuite({ seed: 42 }));
    const other = generateSuite({ seed: 43 });
    expect(other.train.map((p) => p.question)).not.toEqual(
      generateSuite({ seed: 42 }).train.map((p) => p.question),
    );
  });

  test("has the default sizes, positional indices and no question twice", () => {
    const suite = generateSuite({ seed: 1 });
    expect(suite.train).toHaveLength(256);
    expect(suite.test).toHaveLength(30);
    expect(suite.train.map((p) => p.index)).toEqual([...Array(256).keys()]);
    expect(suite.test.map((p) => p.index)).toEqual([...Array(30).keys()]);
    const questions = [...suite.train, ...suite.test].map((p) => p.question);
    expect(new Set(questions).size).toBe(questions.length);
  });

  test("the held-out split does not depend on the training size", () => {
    expect(generateSuite({ seed: 9, trainSize: 10 }).test).toEqual(generateSuite({ seed: 9 }).test);
    expect(generateSuite({ seed: 9, trainSize: 0, testSize: 0 })).toMatchObject({ train: [], test: [] });
  });

  test("spreads categories and difficulties evenly", () => {
    const { train } = generateSuite({ seed: 2 });
    for (const id of CATEGORY_IDS) {
      const ofCategory = train.filter((p) => p.meta.category === id);
      expect(ofCategory).toHaveLength(32);
      expect(new Set(ofCategory.map((p) => p.meta.difficulty))).toEqual(new Set(DIFFICULTIES));
    }
  });

  test("answers are integers re-derivable from the stored parameters", () => {
    const { train, test: held } = generateSuite({ seed: 3 });
    for (const problem of [...train, ...held]) {
      expect(problem.answer).toMatch(/^-?\d+$/);
      expect(String(getCategory(problem.meta.category).solve(problem.meta.params).answer)).toBe(
        problem.answer,
      );
      expect(classifyQuestion(problem.question)?.id).toBe(problem.meta.category);
    }
  });

  test("the real grader scores every right completion 1 and every plausible mistake 0", () => {
    const { train, test: held } = generateSuite({ seed: 4 });
    const failures: string[] = [];
    for (const problem of [...train, ...held]) {
      const model = readProblemModel(problem);
      const rng = createStreamRng([4, problem.index]);
      expect(model.wrong.length).toBeGreaterThan(0);
      const right = writeCompletion(rng, model.right, "G0").text;
      if (gradeAnswer(right, problem.answer).reward !== 1) failures.push(`right: ${problem.question}`);
      for (const wrong of model.wrong) {
        expect(wrong.answer).not.toBe(problem.answer);
        if (gradeAnswer(writeCompletion(rng, wrong, null).text, problem.answer).reward !== 0)
          failures.push(`${wrong.kind} ${wrong.answer}: ${problem.question}`);
      }
    }
    expect(failures).toEqual([]);
  });

  test("rejects bad options", () => {
    expect(() => generateSuite({ seed: -1 })).toThrow(RangeError);
    expect(() => generateSuite({ seed: 1.5 })).toThrow(RangeError);
    expect(() => generateSuite({ seed: 1, trainSize: -3 })).toThrow(/trainSize/);
    expect(() => generateSuite({ seed: 1, testSize: 2.5 })).toThrow(/testSize/);
  });
});
