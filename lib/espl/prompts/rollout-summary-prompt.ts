/**
 * Mutation stage 1 (SPEC §8.1): ask the reflection LLM for a step-by-step summary of one rollout, graded
 * against the ground truth. The reply is free text.
 */
import { pyRepr, pyStr } from "../llm/python-repr";

/** Slot values, compared by the principle_updater vectors. */
export interface RolloutSummarySlots {
  /** Python repr of the `[{'role': 'user', …}, {'role': 'assistant', …}]` message list. */
  trajectory: string;
  /** "This trajectory delivers **correct** answer" or the same with **wrong**. */
  grade: string;
  /** `str(groundtruth)`. */
  answer: string;
}

/** Python truthiness of a reward: 0 is wrong, anything else (NaN included) counts as correct. */
export function isCorrectReward(reward: number): boolean {
  return reward !== 0;
}

export function buildRolloutSummarySlots(
  trajectory: unknown,
  reward: number,
  groundtruth: unknown,
): RolloutSummarySlots {
  return {
    trajectory: pyRepr(trajectory),
    grade: `This trajectory delivers **${isCorrectReward(reward) ? "correct" : "wrong"}** answer`,
    answer: pyStr(groundtruth),
  };
}

export function renderRolloutSummaryPrompt(slots: RolloutSummarySlots): string {
  return `A problem-solving agent was given a set of principles and produced the trajectory below while working on a problem. Summarise the trajectory step by step:

1. For every step, say what the agent did and which principle, if any, it relied on.
2. Using the grade and the reference answer, point out every step that was a detour, a mistake or a backtrack, why it probably happened and how it affected the agent's progress.
3. Keep every core result of every step, including the results of flawed steps.

<trajectory>
${slots.trajectory}
</trajectory>

<grade>
${slots.grade}
</grade>

<reference_answer>
${slots.answer}
</reference_answer>

Reply with the numbered step summary only, for example:
1. what the first step did and what it produced
2. what the second step did and what it produced
3. ...`;
}
