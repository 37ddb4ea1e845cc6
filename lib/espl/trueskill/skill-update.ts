/**
 * Pieces shared by the 1v1 and ranking updates: dynamics and the conversion of a performance-space
 * posterior back to a skill rating (SPEC §6.3).
 */
import type { Rating } from "../types";
import { EPSILON } from "./normal-math";
import { MIN_SIGMA } from "./system";

/**
 * σ of the prior used by an update: with dynamics √(var + τ²), else σ itself; floored at MIN_SIGMA
 * either way because the reference builds a new Rating (whose constructor floors) in both branches.
 */
export function computePriorSigma(rating: Rating, tau: number, applyDynamics: boolean): number {
  const sigma = Math.max(rating.sigma, MIN_SIGMA);
  if (!applyDynamics) return sigma;
  return Math.max(Math.sqrt(sigma * sigma + tau * tau), MIN_SIGMA);
}

/**
 * New skill rating from a performance posterior (mean `postMu`, variance `postVar`) and the skill prior
 * (`priorMu`, `priorSigma`, already dynamics-applied and floored). The message from the performance
 * node is damped by β² (the performance = skill + noise factor). As in the reference, the posterior goes
 * through a Rating first, so its variance is the square of its floored √ — not `postVar` itself — and a
 * message precision ≤ EPSILON drops the whole message (even a non-zero precision-mean).
 */
export function updateSkillFromPerformance(
  postMu: number,
  postVar: number,
  priorMu: number,
  priorSigma: number,
  beta: number,
): Rating {
  const postSigma = Math.max(Math.sqrt(postVar), MIN_SIGMA);
  const varP = postSigma * postSigma;
  const var0 = priorSigma * priorSigma;
  const beta2 = beta * beta;
  const c = var0 + beta2;
  const msgPi = 1 / varP - 1 / c;
  const msgTau = postMu / varP - priorMu / c;
  let skillPi = 0;
  let skillTau = 0;
  if (msgPi > EPSILON) {
    const damping = 1 + msgPi * beta2;
    skillPi = msgPi / damping;
    skillTau = msgTau / damping;
  }
  const pi = 1 / var0 + skillPi;
  const tau = priorMu / var0 + skillTau;
  return { mu: tau / pi, sigma: Math.max(Math.sqrt(1 / pi), MIN_SIGMA) };
}
