/**
 * Mutation stage 3 (SPEC §8.3): collect the critiques' suggestions, ask once for a Revision Plan, apply
 * it and renumber. The batch call is made even when no problem had mixed outcomes, so the LLM may still
 * rewrite or merge existing principles (SPEC §13 item 21).
 */
import { describeThrown } from "../llm/chat";
import { getOperationsFromJson } from "../llm/json-repair";
import { applyRevisionPlan, principlesToPyDict, renumberPrinciples } from "../operations";
import { buildRevisionSlots, renderRevisionPrompt } from "../prompts/revision-prompt";
import { collectSuggestions, concatenateOperations } from "./collect-suggestions";
import { createCallRecord, MutationAbort, replyOrAbort, requestAll } from "./stage-calls";
import type {
  BatchContext,
  MutationCallRecord,
  PrincipleUpdaterInput,
  PrincipleUpdaterResult,
} from "./types";

type BatchRecord = Extract<MutationCallRecord, { stage: "batch" }>;

export async function reviseInBatch(
  input: PrincipleUpdaterInput,
  result: PrincipleUpdaterResult,
): Promise<void> {
  const allOperations = concatenateOperations(result.critiqueOperations);
  result.allOperations = allOperations;
  let collected: ReturnType<typeof collectSuggestions>;
  try {
    collected = collectSuggestions(principlesToPyDict(input.principles), allOperations);
  } catch (error) {
    throw new MutationAbort("suggestions", describeThrown(error));
  }
  result.suggestions = collected.suggestions;

  const slots = buildRevisionSlots(collected.candidates, collected.suggestions);
  const context: BatchContext = {
    stage: "batch",
    index: 0,
    principles: input.principles.map((p) => ({ ...p })),
    candidates: collected.candidates.entries().map(([id, text]) => ({ id, text })),
    suggestions: collected.suggestions,
  };
  const record: BatchRecord = createCallRecord("batch", 0, slots, renderRevisionPrompt(slots));
  result.calls.push(record);
  const [outcome] = await requestAll(input.chat, [record], [context]);
  const plan = getOperationsFromJson(replyOrAbort("batch", outcome!));
  record.operations = plan;
  result.revisionPlan = plan;

  let applied: ReturnType<typeof applyRevisionPlan>;
  try {
    applied = applyRevisionPlan(collected.candidates, plan, collected.nextCandidateId);
  } catch (error) {
    record.error = describeThrown(error);
    throw new MutationAbort("revision", record.error);
  }
  result.revisionOutcomes = applied.outcomes;
  result.preRenumberPrinciples = applied.principles.entries();
  result.newPrinciples = renumberPrinciples(applied.principles.values());
}
