/**
 * Mutation stage 2 (SPEC §8.2): one call per problem with mixed outcomes. The LLM compares the summarised
 * attempts and proposes at most `max_operations` add/modify operations as a fenced JSON list.
 */
import type { Principle } from "../types";
import { pyStr } from "../llm/python-repr";
import { formatPrinciplesBlock } from "./policy-prompt";

/** Slot values, compared by the principle_updater vectors. */
export interface CritiqueSlots {
  /** `str(max_operations)`. */
  max_operations: string;
  problem: string;
  /** "Trajectory {i} (Answer correct|wrong):\n{summary}" blocks, 1-based, separated by a blank line. */
  trajectories: string;
  /** `str(groundtruth)`. */
  answer: string;
  /** The `[G0]. text` block, or "None" for an empty program. */
  principles: string;
}

export interface SummarisedAttempt {
  correct: boolean;
  summary: string;
}

export function formatSummarisedAttempts(attempts: readonly SummarisedAttempt[]): string {
  return attempts
    .map((a, i) => `Trajectory ${i + 1} (Answer ${a.correct ? "correct" : "wrong"}):\n${a.summary}`)
    .join("\n\n");
}

export function buildCritiqueSlots(input: {
  maxOperations: number;
  problem: string;
  attempts: readonly SummarisedAttempt[];
  groundtruth: unknown;
  principles: readonly Principle[];
}): CritiqueSlots {
  const block = formatPrinciplesBlock(input.principles);
  return {
    max_operations: pyStr(input.maxOperations),
    problem: input.problem,
    trajectories: formatSummarisedAttempts(input.attempts),
    answer: pyStr(input.groundtruth),
    principles: input.principles.length > 0 ? block : "None",
  };
}

export function renderCritiquePrompt(slots: CritiqueSlots): string {
  return `A problem-solving agent, guided by a set of principles, attempted the same problem several times; some attempts succeeded and some failed. Study the attempts and distil lessons that generalise. Work through these steps:

1. Analyse the trajectories
   - Successful attempts: which decisions and insights made them work?
   - Failed attempts: where exactly did the reasoning go wrong, and why?
   - Which strategies or patterns were used, and which were missed?
   - Did the failed attempts ignore an existing principle, or did the principles give too little guidance?

2. Propose updates to the principles
   - Aim for principles that steer future attempts towards a correct solution.
   - Two kinds of operation are available:
     * "modify": rewrite an existing principle so that it helps more (give its ID in "modified_from")
     * "add": introduce a principle that is missing
   - Propose at most ${slots.max_operations} updates, each a clear lesson that carries over to other problems.
   - Before writing each update, state when it is most relevant, which problem features make it applicable and which similar problem patterns it covers.

3. Requirements for every modified or added principle
   - Open with a few words of general background.
   - Describe strategic thinking, not specific calculations.
   - Highlight decision points that carry over to similar problems.

Reason through the three steps in detail first. Then end your reply with the operations as a JSON list in a fenced block, in this format:
\`\`\`json
[
  {"operation": "modify", "principle": "the rewritten principle", "modified_from": "G3"},
  {"operation": "add", "principle": "the new principle"}
]
\`\`\`
Using only one kind of operation is fine.

<problem>
${slots.problem}
</problem>

<trajectories>
${slots.trajectories}
</trajectories>

<reference_answer>
${slots.answer}
</reference_answer>

<principles>
${slots.principles}
</principles>`;
}
