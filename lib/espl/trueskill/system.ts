/**
 * TrueSkill system parameters and rating helpers (SPEC §6.1). Ratings are plain `{mu, sigma}` objects;
 * the reference's `Rating` class floors σ at construction and again when reading the variance, which
 * `floorSigma`/`ratingVariance` reproduce.
 */
import type { Rating } from "../types";
import { normalQuantile } from "./normal-math";

/** Smallest σ a rating can have; the reference's Rating constructor and `variance` clamp to it. */
export const MIN_SIGMA = 1e-6;
/** Floor for performance-space posterior variances. */
export const MIN_VARIANCE = 1e-12;

export const DEFAULT_MU = 25;
export const DEFAULT_SIGMA = 25 / 3;
export const DEFAULT_BETA = 25 / 6;
export const DEFAULT_TAU = 25 / 300;
export const DEFAULT_DRAW_PROBABILITY = 0.1;

/** The parameters of one TrueSkill environment, with the derived draw margin. */
export interface TrueSkillSystem {
  mu: number;
  sigma: number;
  /** Performance noise (skill-space standard deviation of one game's performance). */
  beta: number;
  /** Dynamics: σ grows by √(σ² + τ²) before each update that applies dynamics. */
  tau: number;
  drawProbability: number;
  /** Absolute draw margin ε in performance units (see `computeDrawMargin`). */
  drawMargin: number;
}

/**
 * Absolute draw margin: Φ⁻¹((p+1)/2)·√2·β, or 0 when p ≤ 0. Uses the reference's unrefined Acklam
 * approximation, so it is not the exact inverse (defaults give 0.7404665875760623).
 */
export function computeDrawMargin(drawProbability: number, beta: number): number {
  if (drawProbability <= 0) return 0;
  return normalQuantile((drawProbability + 1) / 2) * Math.SQRT2 * beta;
}

/** Builds a system; omitted parameters take the values main uses (25, 25/3, 25/6, 25/300, 0.10). */
export function createTrueSkillSystem(
  params: Partial<Omit<TrueSkillSystem, "drawMargin">> = {},
): TrueSkillSystem {
  const {
    mu = DEFAULT_MU,
    sigma = DEFAULT_SIGMA,
    beta = DEFAULT_BETA,
    tau = DEFAULT_TAU,
    drawProbability = DEFAULT_DRAW_PROBABILITY,
  } = params;
  return { mu, sigma, beta, tau, drawProbability, drawMargin: computeDrawMargin(drawProbability, beta) };
}

/** The system used by the main loop. */
export const DEFAULT_SYSTEM: Readonly<TrueSkillSystem> = Object.freeze(createTrueSkillSystem());

/** A new rating; σ is floored at MIN_SIGMA like the reference's Rating constructor. */
export function createRating(mu: number, sigma: number): Rating {
  return { mu, sigma: Math.max(sigma, MIN_SIGMA) };
}

/** The prior rating of a fresh program in `system`. */
export function createDefaultRating(system: TrueSkillSystem = DEFAULT_SYSTEM): Rating {
  return createRating(system.mu, system.sigma);
}

/** max(σ, MIN_SIGMA)²: the reference re-applies the floor here because loaded ratings bypass it. */
export function ratingVariance(rating: Rating): number {
  const s = Math.max(rating.sigma, MIN_SIGMA);
  return s * s;
}
