/**
 * Procedurally generated problem suites with real, checkable answers. Categories and difficulties are spread
 * evenly over each split, so every category has easy and hard problems; the train
 * and test splits never share a question. Deterministic for a seed.
 */
import type { EsplProblem } from "../ports";
import { CATEGORIES } from "./categories";
import { DIFFICULTIES } from "./category-types";
import type { CategoryId, Difficulty, ProblemParams } from "./category-types";
import { createStreamRng, hashText, shuffle } from "./stream-seed";

export const DEFAULT_TRAIN_SIZE = 256;
export const DEFAULT_TEST_SIZE = 30;
/** Generous: a category yields thousands of distinct questions per difficulty, so retries are rare. */
const MAX_ATTEMPTS_PER_PROBLEM = 200;

export interface SimProblemMeta extends Record<string, unknown> {
  category: CategoryId;
  difficulty: Difficulty;
  /** The generator's parameters: the simulator re-derives solutions and mistakes from them. */
  params: ProblemParams;
  simulated: true;
}

export interface SimProblem extends EsplProblem {
  meta: SimProblemMeta;
}

export interface ProblemSuite {
  seed: number;
  train: SimProblem[];
  test: SimProblem[];
}

export interface SuiteOptions {
  seed: number;
  trainSize?: number;
  testSize?: number;
}

function checkSize(size: number, name: string): void {
  if (!Number.isSafeInteger(size) || size < 0)
    throw new RangeError(`${name} must be a non-negative integer, got ${size}`);
}

function generateSplit(seed: number, split: "train" | "test", size: number, seen: Set<string>): SimProblem[] {
  const rng = createStreamRng([seed, hashText(`suite:${split}`)]);
  const slots = shuffle(
    rng,
    Array.from({ length: size }, (_, i) => ({
      category: CATEGORIES[i % CATEGORIES.length]!,
      // 8 categories and 5 difficulties are coprime: every 40 slots hold each pairing once.
      difficulty: DIFFICULTIES[i % DIFFICULTIES.length]!,
    })),
  );
  return slots.map(({ category, difficulty }, index) => {
    for (let attempt = 0; attempt < MAX_ATTEMPTS_PER_PROBLEM; attempt++) {
      const { params, question } = category.generate(rng, difficulty);
      if (seen.has(question)) continue;
      seen.add(question);
      return {
        index,
        question,
        answer: String(category.solve(params).answer),
        meta: { category: category.id, difficulty, params, simulated: true },
      };
    }
    throw new Error(`could not generate a new ${category.id} problem of difficulty ${difficulty}`);
  });
}

export function generateSuite(options: SuiteOptions): ProblemSuite {
  const { seed, trainSize = DEFAULT_TRAIN_SIZE, testSize = DEFAULT_TEST_SIZE } = options;
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new RangeError(`suite seed must be a safe non-negative integer, got ${seed}`);
  checkSize(trainSize, "trainSize");
  checkSize(testSize, "testSize");
  // Test first, so the held-out questions do not depend on how many training problems were asked for.
  const seen = new Set<string>();
  const test = generateSplit(seed, "test", testSize, seen);
  const train = generateSplit(seed, "train", trainSize, seen);
  return { seed, train, test };
}
