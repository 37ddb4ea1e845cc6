/**
 * The category catalogue and lookups by id and by question wording.
 */
import { CATEGORY_IDS } from "./category-types";
import type { CategoryId, ProblemCategory } from "./category-types";
import { arithmeticSeriesCategory } from "./problem-categories/arithmetic-series";
import { complementaryCategory } from "./problem-categories/complementary-counting";
import { inclusionExclusionCategory } from "./problem-categories/inclusion-exclusion";
import { modularCategory } from "./problem-categories/modular-arithmetic";
import { parityCategory } from "./problem-categories/parity";
import { pigeonholeCategory } from "./problem-categories/pigeonhole";
import { primeFactorizationCategory } from "./problem-categories/prime-factorization";
import { starsAndBarsCategory } from "./problem-categories/stars-and-bars";

export const CATEGORIES: readonly ProblemCategory[] = [
  parityCategory,
  modularCategory,
  primeFactorizationCategory,
  arithmeticSeriesCategory,
  inclusionExclusionCategory,
  complementaryCategory,
  starsAndBarsCategory,
  pigeonholeCategory,
];

const BY_ID = new Map<string, ProblemCategory>(CATEGORIES.map((c) => [c.id, c]));

export function isCategoryId(value: unknown): value is CategoryId {
  return typeof value === "string" && (CATEGORY_IDS as readonly string[]).includes(value);
}

export function getCategory(id: CategoryId): ProblemCategory {
  return BY_ID.get(id)!;
}

/** Finds the category of a problem from its question text. */
export type CategoryLookup = (question: string) => ProblemCategory | null;

/** The category whose question wording matches, for problems that arrive without meta. */
export function classifyQuestion(question: string): ProblemCategory | null {
  const text = question.trim();
  return CATEGORIES.find((c) => c.questionPattern.test(text)) ?? null;
}
