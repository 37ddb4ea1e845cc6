/**
 * Stage-1 selection (SPEC §8.1): rollouts grouped by problem text, keeping only problems whose mean reward
 * is strictly between 0 and 1. All-correct and all-wrong problems teach the mutation nothing.
 */
import type { RolloutRecord } from "./types";

export interface ProblemGroup {
  problem: string;
  rollouts: RolloutRecord[];
}

/**
 * Groups by problem text in first-appearance order (two batch items with the same text merge, as in the
 * reference: SPEC §13 item 22) and ignores records without trajectories.
 */
export function groupRolloutsByProblem(rollouts: readonly RolloutRecord[]): ProblemGroup[] {
  const groups = new Map<string, RolloutRecord[]>();
  for (const record of rollouts) {
    if (record.trajectories.length === 0) continue;
    const list = groups.get(record.problem);
    if (list) list.push(record);
    else groups.set(record.problem, [record]);
  }
  return [...groups].map(([problem, list]) => ({ problem, rollouts: list }));
}

export function hasMixedOutcomes(group: ProblemGroup): boolean {
  const total = group.rollouts.reduce((sum, r) => sum + r.reward, 0);
  const mean = total / Math.max(group.rollouts.length, 1);
  return mean > 0 && mean < 1;
}

export function selectMixedProblems(rollouts: readonly RolloutRecord[]): ProblemGroup[] {
  return groupRolloutsByProblem(rollouts).filter(hasMixedOutcomes);
}
