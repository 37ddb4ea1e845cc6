/**
 * The simulated policy's success model. For a problem of category c and difficulty d under a prompt:
 *
 *   logit = skill[c]                                   procedural knowledge (trained by train())
 *         + insightBonus · strength   if a principle carries c's insight (declarative knowledge)
 *         − misleadingPenalty         if a principle steers away from c's insight and none carries it
 *         − difficultyWeight · (d − 3)
 *         − min(maxLengthCost, costPerExtraPrinciple · max(0, principles − freePrinciples)
 *                              + costPerExtraWord · max(0, words − freeWords))
 *         − contradictionPenalty · (categories both recommended and discouraged in the prompt)
 *         + verificationBonus          if a principle asks to verify the result
 *   P(correct) = sigmoid(logit)
 *
 * Constants are picked so that an untrained model with no principles solves roughly 45% of a suite,
 * mid-difficulty problems are mixed (mutation only learns from problems with mixed outcomes), and the
 * right insight lifts a mid-difficulty problem from ~40% to ~75%.
 */
import type { CategoryId } from "./category-types";
import type { PromptFeatures } from "./insight-detector";

export const SUCCESS_MODEL = Object.freeze({
  insightBonus: 1.5,
  misleadingPenalty: 1.0,
  contradictionPenalty: 0.4,
  verificationBonus: 0.15,
  difficultyWeight: 0.7,
  difficultyCentre: 3,
  freePrinciples: 10,
  costPerExtraPrinciple: 0.05,
  freeWords: 300,
  costPerExtraWord: 0.001,
  /** Long prompts dilute attention, but even a bloated prompt does not make the model useless. */
  maxLengthCost: 1.5,
});

/** Each term of the logit, so a dashboard (or a test) can say why a prompt helps. */
export interface LogitParts {
  skill: number;
  insight: number;
  misleading: number;
  difficulty: number;
  length: number;
  contradiction: number;
  verification: number;
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

export function computeLogitParts(
  skill: number,
  category: CategoryId | null,
  difficulty: number,
  features: PromptFeatures,
): LogitParts {
  const m = SUCCESS_MODEL;
  const carried = category === null ? undefined : features.helpful.get(category);
  const discouraged = category !== null && features.misleading.has(category);
  let contradictions = 0;
  for (const id of features.misleading.keys()) if (features.helpful.has(id)) contradictions += 1;
  return {
    skill,
    insight: carried && !discouraged ? m.insightBonus * carried.strength : 0,
    misleading: discouraged && !carried ? -m.misleadingPenalty : 0,
    difficulty: -m.difficultyWeight * (difficulty - m.difficultyCentre),
    length: -Math.min(
      m.maxLengthCost,
      m.costPerExtraPrinciple * Math.max(0, features.principleCount - m.freePrinciples) +
        m.costPerExtraWord * Math.max(0, features.wordCount - m.freeWords),
    ),
    contradiction: -m.contradictionPenalty * contradictions,
    verification: features.verification ? m.verificationBonus : 0,
  };
}

export function sumLogitParts(parts: LogitParts): number {
  return (
    parts.skill +
    parts.insight +
    parts.misleading +
    parts.difficulty +
    parts.length +
    parts.contradiction +
    parts.verification
  );
}
