/**
 * Mutation stage 1 (SPEC §8.1): one summary per rollout of every mixed-outcome problem.
 */
import {
  buildRolloutSummarySlots,
  isCorrectReward,
  renderRolloutSummaryPrompt,
} from "../prompts/rollout-summary-prompt";
import type { ProblemGroup } from "./group-rollouts";
import { createCallRecord, replyOrAbort, requestAll } from "./stage-calls";
import type {
  MutationCallRecord,
  PrincipleUpdaterInput,
  PrincipleUpdaterResult,
  SummaryContext,
} from "./types";

/** Returns the summaries in call order (problem by problem, rollout by rollout). */
export async function summariseRollouts(
  input: PrincipleUpdaterInput,
  groups: readonly ProblemGroup[],
  result: PrincipleUpdaterResult,
): Promise<string[]> {
  const contexts: SummaryContext[] = [];
  const records = groups
    .flatMap((g) => g.rollouts)
    .map((rollout, index): MutationCallRecord => {
      const trajectory = rollout.trajectories[0]!.trajectory;
      const slots = buildRolloutSummarySlots(trajectory, rollout.reward, rollout.groundtruth);
      contexts.push({
        stage: "summary",
        index,
        principles: input.principles.map((p) => ({ ...p })),
        runid: rollout.runid,
        problem: rollout.problem,
        groundtruth: rollout.groundtruth,
        reward: rollout.reward,
        correct: isCorrectReward(rollout.reward),
        trajectory: trajectory.map((m) => ({ ...m })),
      });
      return createCallRecord("summary", index, slots, renderRolloutSummaryPrompt(slots));
    });
  result.calls.push(...records);
  const outcomes = await requestAll(input.chat, records, contexts);
  return outcomes.map((outcome) => replyOrAbort("summary", outcome));
}
