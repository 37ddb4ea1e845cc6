/**
 * Mutation stage 3 (SPEC §8.3): one call that turns the collected suggestions into a final Revision Plan
 * of modify/merge operations. The reference pastes Python reprs of its candidate dict and suggestion list
 * here, and the vectors compare those reprs, so the slots are built with `pyRepr`.
 */
import { pyRepr } from "../llm/python-repr";
import type { PyDict } from "../llm/python-dict";

/** Slot values, compared by the principle_updater vectors. */
export interface RevisionSlots {
  /** Python dict repr of the candidates: `{'G0': '…', 'C0': '…'}`. */
  principles: string;
  /** Python list repr of the `modify` suggestions that named an existing id, as the LLM wrote them. */
  updates: string;
}

export function buildRevisionSlots(candidates: PyDict, suggestions: readonly unknown[]): RevisionSlots {
  return { principles: pyRepr(candidates), updates: pyRepr(suggestions) };
}

export function renderRevisionPrompt(slots: RevisionSlots): string {
  return `An agent solves problems guided by a set of principles. After it worked through a batch of problems, individual suggestions were made for improving those principles. Review the suggestions together and decide on a final Revision Plan for the principles.

Every principle that exists once the Revision Plan is applied must:
1. state a clear lesson that carries over to other problems, in at most 32 words;
2. open with a few words of general background;
3. describe strategic thinking, not specific calculations;
4. highlight decision points that apply to similar problems;
5. not repeat an idea that another principle already expresses.

<current_principles>
${slots.principles}
</current_principles>

<suggested_modifications>
${slots.updates}
</suggested_modifications>

Reason about each suggestion and about how the principles should change. Two kinds of operation are available:
* "modify": rewrite an existing principle so that it helps more ("modified_from" is its ID, as a string)
* "merge": combine similar principles into one more general principle to remove duplication ("merged_from" lists their IDs, at least two)

After your reasoning, end with the Revision Plan as a JSON list in a fenced block, in this format:
\`\`\`json
[
  {"operation": "modify", "principle": "the rewritten principle", "modified_from": "C1"},
  {"operation": "merge", "principle": "the merged principle", "merged_from": ["G2", "C0"]}
]
\`\`\`
Using only one kind of operation is fine.`;
}
