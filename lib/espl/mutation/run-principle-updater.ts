/**
 * The mutation operator (the reference's PrincipleUpdater, SPEC §8) as an async pipeline over an injected
 * chat port: summarise the rollouts of mixed-outcome problems, critique each such problem, revise the
 * principles in one batch call, renumber.
 *
 * The function never throws. Every LLM call is recorded (slots, prompt, raw reply, parsed operations,
 * error); whatever would have raised in the reference aborts the mutation and is returned as `error`
 * with the reference's exception class name, and `newPrinciples` stays null (no child).
 */
import { describeThrown } from "../llm/chat";
import { critiqueProblems } from "./critique-problems";
import { selectMixedProblems } from "./group-rollouts";
import { reviseInBatch } from "./revise-in-batch";
import { MutationAbort } from "./stage-calls";
import { summariseRollouts } from "./summarise-rollouts";
import type { MutationStage, PrincipleUpdaterInput, PrincipleUpdaterResult } from "./types";

export async function runPrincipleUpdater(input: PrincipleUpdaterInput): Promise<PrincipleUpdaterResult> {
  const result: PrincipleUpdaterResult = {
    calls: [],
    critiqueOperations: [],
    newPrinciples: null,
    error: null,
  };
  // Labels errors nobody anticipated (engine bugs): they are recorded too, never thrown.
  let stage: MutationStage = "summary";
  try {
    const groups = selectMixedProblems(input.rollouts);
    const summaries = await summariseRollouts(input, groups, result);
    stage = "critique";
    await critiqueProblems(input, groups, summaries, result);
    stage = "batch";
    await reviseInBatch(input, result);
  } catch (error) {
    result.error =
      error instanceof MutationAbort
        ? { stage: error.stage, ...error.failure }
        : { stage, ...describeThrown(error) };
    result.newPrinciples = null;
  }
  return result;
}

/** Main creates a mutation child only for a non-empty result (SPEC §8.3 step 5). */
export function shouldCreateMutationChild(result: PrincipleUpdaterResult): boolean {
  return result.newPrinciples !== null && result.newPrinciples.length > 0;
}
