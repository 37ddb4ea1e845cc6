/**
 * Group-baseline advantages (SPEC §10.3). The reference holds rewards in a float32 torch tensor; means go
 * through float32-reduce so the values match its numbers bit for bit.
 */
import { meanAlongAxis } from "./float32-reduce";
import type { Float32Tensor } from "./float32-reduce";
import { createRewardTensor } from "./metrics";
import type { RewardTensor } from "./metrics";

/** `normal`: baseline per (slot, problem). `marginalize`: one baseline per problem across all slots. */
export type BaselineMode = "normal" | "marginalize";

export interface AdvantagesResult {
  /** [k][B][G], float32 values widened to doubles. */
  advantages: number[][][];
  /** [k][B]; false = every advantage of the group is exactly 0.0, so the group yields no datums. */
  trainedGroups: boolean[][];
}

/** A group is trained unless all its advantages are exactly zero (-0 counts as zero, as in torch). */
export function isGroupTrained(groupAdvantages: readonly number[]): boolean {
  return groupAdvantages.some((a) => a !== 0);
}

/**
 * Baseline index for (p, b). `marginalize` averages over slots first and then over samples — the same
 * number as "mean of the slot means" on paper, but float32 rounding follows that order, so it is kept.
 */
function computeBaselines(rewards: Float32Tensor, mode: BaselineMode): (p: number, b: number) => number {
  const [, problems = 0] = rewards.shape;
  if (mode === "marginalize") {
    const perProblem = meanAlongAxis(meanAlongAxis(rewards, 0), 1); // [B]
    return (_p, b) => perProblem.data[b]!;
  }
  const perGroup = meanAlongAxis(rewards, 2); // [k][B]
  return (p, b) => perGroup.data[p * problems + b]!;
}

/**
 * Advantage = reward − baseline, with no std normalisation and no clipping. Rewards must form a
 * non-empty rectangular [k][B][G] array (the reference asserts the shape). Callers map any config value
 * other than `marginalize` to `normal`, as the reference does.
 */
export function computeAdvantages(rewards: RewardTensor, mode: BaselineMode): AdvantagesResult {
  const tensor = createRewardTensor(rewards);
  const baselineOf = computeBaselines(tensor, mode);
  const advantages = rewards.map((slot, p) =>
    slot.map((group, b) => group.map((r) => Math.fround(Math.fround(r) - baselineOf(p, b)))),
  );
  const trainedGroups = advantages.map((slot) => slot.map((group) => isGroupTrained(group)));
  return { advantages, trainedGroups };
}
