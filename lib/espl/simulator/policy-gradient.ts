/**
 * The simulated trainer's update: REINFORCE on the Bernoulli success model. A completion's outcome
 * y ∈ {0, 1} has log-probability y·log p + (1 − y)·log(1 − p) with p = sigmoid(logit), and the logit
 * depends on the category skill with slope 1, so
 *
 *   ∂ log π(y) / ∂ skill[c] = y − p.
 *
 * The reference's loss is −Σ ratio · A over sampled tokens (SPEC §10.4); its gradient is
 * −Σ ratio · A · ∇log π. With the one decision per completion this gives, per category,
 *
 *   g[c] = Σ_items w(ratio, A) · A · (y − p),   skill[c] += LEARNING_RATE_SCALE · lr · g[c]
 *
 * where w is the ratio (importance_sampling), the ratio clipped to [0, 4] (cispo), or the ratio zeroed
 * where PPO's clip is active (ppo). On-policy the ratio is 1 and all three agree.
 */
import type { TrainRequest } from "../ports";

/**
 * Plain SGD step = LEARNING_RATE_SCALE × the configured learning rate. The reference's 4e-5 drives Adam
 * on a LoRA of millions of weights; here one scalar per category moves, and the scale is chosen so that
 * with the default 4e-5 (step 0.004) and the reference's batch shape (3 programs × 10 problems × 5
 * samples) a category's skill rises by roughly one logit over ~100 steps: visible, not instant.
 */
export const LEARNING_RATE_SCALE = 100;

const PPO_CLIP = 0.2;
const CISPO_CLIP_HIGH = 4;

export type LossFn = TrainRequest["lossFn"];

/** The factor multiplying A · ∇log π for one sample under each loss. */
export function computeSurrogateWeight(lossFn: LossFn, ratio: number, advantage: number): number {
  if (lossFn === "cispo") return Math.min(Math.max(ratio, 0), CISPO_CLIP_HIGH);
  if (lossFn === "ppo") {
    const clipped = advantage >= 0 ? ratio > 1 + PPO_CLIP : ratio < 1 - PPO_CLIP;
    return clipped ? 0 : ratio;
  }
  return ratio;
}

/** The loss value each function reports (a sum, like the reference's token-sum, over completions). */
export function computeSurrogateLoss(lossFn: LossFn, ratio: number, advantage: number): number {
  if (lossFn === "ppo") {
    const clipped = Math.min(Math.max(ratio, 1 - PPO_CLIP), 1 + PPO_CLIP);
    return -Math.min(ratio * advantage, clipped * advantage);
  }
  return -computeSurrogateWeight(lossFn, ratio, advantage) * advantage;
}

/**
 * exp(log π_θ(y) − logprob_sampler). The sampler's logprob of the outcome sits on the stop token (see
 * completion-text.ts); a completion without it (cut by max tokens) counts as on-policy.
 */
export function computeImportanceRatio(
  outcomeProbability: number,
  tokens: readonly number[] | undefined,
  logprobs: readonly number[] | undefined,
  stopToken: number,
): number {
  if (!tokens || !logprobs || tokens.length === 0 || tokens.length !== logprobs.length) return 1;
  if (tokens.at(-1) !== stopToken) return 1;
  return Math.exp(Math.log(outcomeProbability) - logprobs.at(-1)!);
}
