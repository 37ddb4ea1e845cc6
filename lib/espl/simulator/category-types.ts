/**
 * The shape of a simulated problem category: how its questions are generated and solved, the plausible
 * mistakes a model makes on them, and the hidden "insight" a principle can carry.
 */
import { randomInt } from "./stream-seed";

export const CATEGORY_IDS = [
  "parity",
  "modular-arithmetic",
  "prime-factorization",
  "arithmetic-series",
  "inclusion-exclusion",
  "complementary-counting",
  "stars-and-bars",
  "pigeonhole",
] as const;

export type CategoryId = (typeof CATEGORY_IDS)[number];

/** 1 (easiest) … 5 (hardest). */
export type Difficulty = 1 | 2 | 3 | 4 | 5;

export const DIFFICULTIES: readonly Difficulty[] = [1, 2, 3, 4, 5];

/** Generator parameters, kept in the problem's meta so a solution can be re-derived from the problem. */
export type ProblemParams = Record<string, number>;

export interface WorkedSolution {
  answer: number;
  /** Reasoning lines, in order; the final boxed line is added by the completion writer. */
  steps: string[];
}

export type SlipKind = "off-by-one" | "sign-error" | "wrong-formula";

/** A plausible wrong solution: the steps show where the reasoning went astray. */
export interface Slip extends WorkedSolution {
  kind: SlipKind;
}

export interface GeneratedQuestion {
  params: ProblemParams;
  question: string;
}

export interface RandomSource {
  random(): number;
}

export interface ProblemCategory {
  id: CategoryId;
  /** Human label, used in simulated reflection prose. */
  label: string;
  /**
   * Phrasings of the insight a principle can carry. Some contain LaTeX on purpose: LLMs write raw
   * backslashes inside JSON strings, which the engine's backslash repair has to handle.
   */
  insights: readonly string[];
  /** Finds the insight in a principle's text. */
  keywords: RegExp;
  /** Recognises the category's questions by their wording (when no suite is at hand). */
  questionPattern: RegExp;
  /** A principle that steers the model away from the insight (for unhelpful reflections). */
  misleading: string;
  generate(rng: RandomSource, difficulty: Difficulty): GeneratedQuestion;
  solve(params: ProblemParams): WorkedSolution;
  /** Candidate mistakes; callers drop any whose answer happens to equal the right one. */
  slips(params: ProblemParams): Slip[];
}

/** Reads a required numeric parameter; a malformed meta must fail loudly, not produce NaN answers. */
export function readParam(params: ProblemParams, key: string): number {
  const value = params[key];
  if (typeof value !== "number" || !Number.isSafeInteger(value))
    throw new RangeError(`problem parameter "${key}" is missing or not an integer`);
  return value;
}

/** Inclusive parameter ranges indexed by difficulty − 1. */
export type DifficultyRanges = readonly (readonly [number, number])[];

export function pickInRange(rng: RandomSource, ranges: DifficultyRanges, difficulty: Difficulty): number {
  const [low, high] = ranges[difficulty - 1]!;
  return randomInt(rng, low, high);
}
