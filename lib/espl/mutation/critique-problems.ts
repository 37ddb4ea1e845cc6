/**
 * Mutation stage 2 (SPEC §8.2): one critique per mixed-outcome problem, each reply parsed and cut to
 * `maxOperations` operations. A reply whose JSON cannot be cut (an object, number, bool or null) aborts
 * the mutation, as in the reference.
 */
import { describeThrown } from "../llm/chat";
import { getOperationsFromJson } from "../llm/json-repair";
import { isCorrectReward } from "../prompts/rollout-summary-prompt";
import { buildCritiqueSlots, renderCritiquePrompt } from "../prompts/critique-prompt";
import { takeFirstOperations } from "./collect-suggestions";
import type { ProblemGroup } from "./group-rollouts";
import { createCallRecord, MutationAbort, replyOrAbort, requestAll } from "./stage-calls";
import type {
  CritiqueContext,
  MutationCallRecord,
  PrincipleUpdaterInput,
  PrincipleUpdaterResult,
} from "./types";

type CritiqueRecord = Extract<MutationCallRecord, { stage: "critique" }>;

export async function critiqueProblems(
  input: PrincipleUpdaterInput,
  groups: readonly ProblemGroup[],
  summaries: readonly string[],
  result: PrincipleUpdaterResult,
): Promise<void> {
  let nextSummary = 0;
  const contexts: CritiqueContext[] = [];
  const records = groups.map((group, index): CritiqueRecord => {
    const attempts = group.rollouts.map((rollout) => ({
      runid: rollout.runid,
      reward: rollout.reward,
      correct: isCorrectReward(rollout.reward),
      completion: rollout.trajectories[0]!.trajectory.at(-1)?.content ?? "",
      summary: summaries[nextSummary++]!,
    }));
    // The reference takes the problem and answer of the group's first rollout.
    const first = group.rollouts[0]!;
    const slots = buildCritiqueSlots({
      maxOperations: input.maxOperations,
      problem: first.problem,
      attempts,
      groundtruth: first.groundtruth,
      principles: input.principles,
    });
    contexts.push({
      stage: "critique",
      index,
      principles: input.principles.map((p) => ({ ...p })),
      problem: first.problem,
      groundtruth: first.groundtruth,
      maxOperations: input.maxOperations,
      attempts,
    });
    return createCallRecord("critique", index, slots, renderCritiquePrompt(slots));
  });
  result.calls.push(...records);
  const outcomes = await requestAll(input.chat, records, contexts);
  outcomes.forEach((outcome, i) => {
    const record = records[i]!;
    const reply = replyOrAbort("critique", outcome);
    try {
      record.operations = takeFirstOperations(getOperationsFromJson(reply), input.maxOperations);
    } catch (error) {
      record.error = describeThrown(error);
      throw new MutationAbort("critique", record.error);
    }
    result.critiqueOperations.push(record.operations);
  });
}
