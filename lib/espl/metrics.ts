/**
 * Rollout and test metrics (SPEC §10.5, §10.6) with the reference's key names. The reference reduces
 * float32 torch tensors, so the means here go through float32-reduce (torch's summation order) and
 * match its stats bit for bit; values it computes in plain Python (Agg_Pass@K, eval_avg_reward) stay
 * float64.
 */
import { createFloat32Tensor, meanAlongAxis, meanRowFloat32, sumAlongAxis } from "./float32-reduce";
import type { Float32Tensor } from "./float32-reduce";
import { computePassAtKForRange } from "./pass-at-k";

/** rewards[k][B][G]: slot (selected program) → batch problem → sample. */
export type RewardTensor = readonly (readonly (readonly number[])[])[];

/** Validates rewards[k][B][G] (non-empty, rectangular, finite) and converts it to a float32 tensor. */
export function createRewardTensor(rewards: RewardTensor): Float32Tensor {
  const tensor = createFloat32Tensor(rewards);
  if (tensor.shape.length !== 3 || tensor.shape.some((size) => size === 0))
    throw new RangeError("rewards must have shape [k][B][G] with k, B, G >= 1");
  if (tensor.data.some((r) => !Number.isFinite(r))) throw new RangeError("rewards must be finite numbers");
  return tensor;
}

/** Column `j` of a [rows][cols] tensor, the strided view the reference averages with `.mean()`. */
function takeColumn(tensor: Float32Tensor, j: number): Float32Array {
  const [rows = 0, cols = 0] = tensor.shape;
  return Float32Array.from({ length: rows }, (_, i) => tensor.data[i * cols + j]!);
}

/** pass@1..pass@n per row of sums, as a float32 tensor [...sums.shape, n]. */
function createPassTable(sums: Float32Tensor, n: number): Float32Tensor {
  const data = new Float32Array(sums.data.length * n);
  sums.data.forEach((c, i) => data.set(computePassAtKForRange(n, c), i * n));
  return { shape: [...sums.shape, n], data };
}

function addSummary(into: Record<string, number>, label: string, view: Float32Tensor, j: number): void {
  const column = takeColumn(view, j);
  // A column of a [rows][1] tensor is contiguous, any other column is strided; torch sums them differently.
  const contiguous = view.shape[1] === 1;
  into[`avg_${label}_Pass@${j + 1}`] = meanRowFloat32(column, contiguous);
  into[`min_${label}_Pass@${j + 1}`] = Math.min(...column);
  into[`max_${label}_Pass@${j + 1}`] = Math.max(...column);
}

/**
 * `stats["step_N"]["rollout"]` from rewards[k][B][G] (duplicate programs count as separate slots).
 * Key order follows the reference's dict; with G = 1 the "@K" keys are the "@1" keys and, as in a Python
 * dict, keep their first position.
 */
export function computeRolloutMetrics(rewards: RewardTensor): Record<string, number> {
  const tensor = createRewardTensor(rewards);
  const [, problems = 0, group = 0] = tensor.shape;
  const passTable = createPassTable(sumAlongAxis(tensor, 2), group); // [k][B][G]
  const byQuestion = meanAlongAxis(passTable, 0); // [B][G]: mean over slots
  const byProgram = meanAlongAxis(passTable, 1); // [k][G]: mean over problems

  let solved = 0;
  for (let b = 0; b < problems; b++) if (rewards.some((slot) => slot[b]!.some((r) => r > 0))) solved++;

  const metrics: Record<string, number> = {
    Agg_avg_reward: meanRowFloat32(tensor.data),
    [`Agg_Pass@${group}`]: solved / problems,
  };
  for (const j of [0, group - 1]) addSummary(metrics, "question", byQuestion, j);
  for (const j of [0, group - 1]) addSummary(metrics, "PROGRAM", byProgram, j);
  return metrics;
}

/**
 * `stats["step_N"]["test"]` from test_rewards[Q][T]: the float64 mean reward, then Pass@1..Pass@T, each
 * the float32 mean over test problems of the estimator with n = T.
 */
export function computeTestMetrics(testRewards: readonly (readonly number[])[]): Record<string, number> {
  const tensor = createFloat32Tensor(testRewards);
  if (tensor.shape.length !== 2 || tensor.shape.some((size) => size === 0))
    throw new RangeError("test rewards must have shape [Q][T] with Q, T >= 1");
  if (testRewards.some((row) => row.some((r) => !Number.isFinite(r))))
    throw new RangeError("test rewards must be finite numbers");
  const [, samples = 0] = tensor.shape;

  let total = 0;
  for (const row of testRewards) for (const r of row) total += r;
  const metrics: Record<string, number> = { eval_avg_reward: total / tensor.data.length };
  const perProblem: Float32Tensor = {
    shape: [testRewards.length, samples],
    data: Float32Array.from(
      testRewards.flatMap((row) =>
        computePassAtKForRange(
          samples,
          row.reduce((s, r) => s + r, 0),
        ),
      ),
    ),
  };
  const means = meanAlongAxis(perProblem, 0);
  means.data.forEach((value, j) => (metrics[`Pass@${j + 1}`] = value));
  return metrics;
}
