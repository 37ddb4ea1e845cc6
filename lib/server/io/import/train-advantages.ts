/**
 * The reference does not save advantages; they are recomputed from the train rewards with the engine's
 * own function (SPEC §10.3), so imported rollouts show the same advantage and "trained" flag a native
 * run stores. Only for RL modes and only when the step's rewards form the full [k][B][G] rectangle: a
 * damaged slot file leaves the step's advantages unknown rather than wrong.
 */
import "server-only";
import { computeAdvantages } from "@/lib/espl/advantages";
import { isRlEnabled, type EsplConfig } from "@/lib/espl/config";
import type { ImportedRollout } from "./read-step";

export function applyTrainAdvantages(
  rollouts: ImportedRollout[],
  config: Pick<EsplConfig, "train_mode" | "value_baseline_computation" | "group_size">,
): void {
  if (!isRlEnabled(config)) return;
  const train = rollouts.filter((r) => r.split === "train");
  if (train.length === 0) return;
  const slots = Math.max(...train.map((r) => r.slot)) + 1;
  const problems = Math.max(...train.map((r) => r.problemIndex)) + 1;
  const group = config.group_size;
  if (train.length !== slots * problems * group) return;
  const rewards: (number | undefined)[][][] = Array.from({ length: slots }, () =>
    Array.from({ length: problems }, () => new Array<number | undefined>(group)),
  );
  for (const r of train) rewards[r.slot]![r.problemIndex]![r.sampleIndex] = r.reward;
  if (rewards.some((slot) => slot.some((g) => g.some((x) => x === undefined) || g.length !== group))) return;
  const mode = config.value_baseline_computation === "marginalize" ? "marginalize" : "normal";
  const { advantages, trainedGroups } = computeAdvantages(rewards as number[][][], mode);
  for (const r of train) {
    r.advantage = advantages[r.slot]![r.problemIndex]![r.sampleIndex]!;
    r.trained = trainedGroups[r.slot]![r.problemIndex]!;
  }
}
