/** Two-player TrueSkill update (SPEC §6.4). */
import type { Rating } from "../types";
import { correctFactor, EPSILON } from "./normal-math";
import { computePriorSigma, updateSkillFromPerformance } from "./skill-update";
import { MIN_VARIANCE, type TrueSkillSystem } from "./system";

/** Result of a game from the first player's side. */
export type Outcome = "win" | "loss" | "draw";

/**
 * Rates one game between `p1` and `p2` (`outcome` from p1's side) and returns their new ratings in the
 * same order. With `applyDynamics` (the reference default) both σ first grow by τ. Reproduces the
 * textbook 2-player update: fresh players, win → 29.396/7.171 and 20.604/7.171.
 */
export function rate1v1(
  system: TrueSkillSystem,
  p1: Rating,
  p2: Rating,
  outcome: Outcome,
  applyDynamics = true,
): [Rating, Rating] {
  const { beta, tau, drawMargin } = system;
  const sigma1 = computePriorSigma(p1, tau, applyDynamics);
  const sigma2 = computePriorSigma(p2, tau, applyDynamics);
  const beta2 = beta * beta;
  const c1 = sigma1 * sigma1 + beta2;
  const c2 = sigma2 * sigma2 + beta2;
  const c = Math.sqrt(c1 + c2);
  // The reference only guards ε/c; t is guarded the same way so β = 0 with σ at the floor cannot
  // divide by ~0 (unreachable with the reference's parameters).
  const t = c > EPSILON ? (p1.mu - p2.mu) / c : 0;
  const e = c > EPSILON ? drawMargin / c : 0;

  // A loss is a win seen from p2's side: v, w at −t and the mean shifts flip sign.
  const { v, w } = correctFactor(outcome === "loss" ? -t : t, e, outcome === "draw");
  const sign1 = outcome === "loss" ? -1 : 1;
  const sign2 = -sign1;
  const c2Total = c * c;

  const postMu1 = p1.mu + sign1 * (c1 / c) * v;
  const postMu2 = p2.mu + sign2 * (c2 / c) * v;
  const postVar1 = Math.max(c1 * (1 - (c1 / c2Total) * w), MIN_VARIANCE);
  const postVar2 = Math.max(c2 * (1 - (c2 / c2Total) * w), MIN_VARIANCE);
  return [
    updateSkillFromPerformance(postMu1, postVar1, p1.mu, sigma1, beta),
    updateSkillFromPerformance(postMu2, postVar2, p2.mu, sigma2, beta),
  ];
}
