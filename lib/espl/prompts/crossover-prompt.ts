/**
 * The crossover prompt (SPEC §9 step 4): an opening paragraph, then the principle sets and the questions
 * each set uniquely won (the "middle", built from the data and compared exactly by the vectors), then the
 * analysis instructions. Opening + middle + closing is the whole prompt.
 */
import type { Principle } from "../types";
import { pyStrip } from "../llm/python-dict";

/** One question a set won outright: its index in the batch and its text. */
export interface WonQuestion {
  problemIndex: number;
  text: string;
}

/** "A", "B", … by position; like the reference's `chr(ord('A') + i)` it runs past "Z" into punctuation. */
export function setLabel(index: number): string {
  return String.fromCharCode(65 + index);
}

export const CROSSOVER_OPENING = `Below are several sets of principles, each evolved independently to guide an agent that solves problems. Principle Set A is the set to improve; the other sets are shown so that Set A can borrow what they do well.

`;

/** The data-dependent part; its format is fixed by the crossover_prompt vectors. */
export function buildCrossoverPromptMiddle(
  principleSets: readonly (readonly Principle[])[],
  wonQuestions: readonly (readonly WonQuestion[])[],
): string {
  let middle = "";
  principleSets.forEach((principles, i) => {
    const label = setLabel(i);
    const lines = principles.map((p) => `[${label}.${p.id}]: ${p.text}`).join("\n");
    middle += `Principle Set ${label}:\n<principles>\n${lines}\n</principles>\n\n`;
  });
  middle += "Below are the questions each principle set performed best on.\n";
  wonQuestions.forEach((questions, i) => {
    const label = setLabel(i);
    const lines = questions.map((q) => `Q.${q.problemIndex}: ${pyStrip(q.text)}`).join("\n");
    middle += `\nQuestions that Principle Set ${label} did best on:\n<questions>\n${lines}\n</questions>\n`;
  });
  return `${middle}\n`;
}

export const CROSSOVER_CLOSING = `Each set listed above did strictly better than every other set on at least one question. Use this evidence to improve Principle Set A.

Work through these steps:

1. Explain the evidence
   - For each question, explain WHY the winning set did best. Did it have a principle that was relevant and helpful? If not, did it win because the other sets had principles on this topic that hurt them? How likely is it that the win was luck rather than the result of targeted guidance?
   - Cite principle IDs (such as A.G3 or B.G7) and question IDs (such as Q.0 or Q.5) wherever they apply.

2. Decide what to keep and what to change in Set A
   - Questions Set A won: which of its principles probably helped? Keep those.
   - Questions another set won: did that set have a useful principle that Set A lacks, or did a Set A principle on that topic lead the reasoning astray? Judge whether the difference is meaningful or just chance.
   - Leave alone principles that are merely irrelevant to these questions; they may matter for other kinds of problem.

3. Propose improvements grounded in the evidence
   - Every change to Set A must be supported by the questions above; use your judgement when the support is indirect.
   - Additions and rewrites should be based on, or inspired by, principles that worked for other sets, not invented from nothing.
   - Do not write any JSON while reasoning; write it once, at the very end.

Three kinds of operation are available for Principle Set A:
* "add": add a new principle (inspired by principles that helped other sets)
* "modify": rewrite one of Set A's principles
* "remove": delete a Set A principle that seems counterproductive

Reason through the three steps in detail, citing principle IDs and question IDs throughout. Then end with the operations as a JSON list in a fenced block, in this format:
\`\`\`json
[
  {"operation": "add", "evidence": "Set B won Q.3 and Q.7 with B.G5, which covers something Set A lacks", "principle": "the new principle"},
  {"operation": "modify", "modified_from": "A.G2", "evidence": "A.G2 helped on Q.1, but Q.4 needed firmer guidance", "principle": "the rewritten principle"},
  {"operation": "remove", "remove_id": "A.G5", "evidence": "A.G5 probably misled the reasoning on Q.8"}
]
\`\`\`
Propose only operations the evidence clearly supports. If it supports no change, an empty list is fine.
`;

export function renderCrossoverPrompt(middle: string): string {
  return CROSSOVER_OPENING + middle + CROSSOVER_CLOSING;
}
