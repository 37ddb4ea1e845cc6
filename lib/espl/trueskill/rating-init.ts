/** Ratings of newly created programs (SPEC §7). */
import type { Rating } from "../types";
import { ratingVariance } from "./system";

/** Config defaults main passes (the reference functions' own defaults, 2.0 and 0.5, are never used). */
export const DEFAULT_MUTATION_SIGMA = 1.0;
export const DEFAULT_CROSSOVER_SIGMA = 1.0;

/**
 * A mutation child keeps its parent's μ and widens σ: √(σ_parent² + mutationSigma²) (σ_parent at the
 * 1e-6 floor). Fresh parent, default 1.0 → (25, 8.3931). Like the reference the result is not floored
 * again; it can only fall below the floor when mutationSigma is 0 and the parent sits at it.
 */
export function initMutationChildRating(
  parent: Rating,
  mutationSigma: number = DEFAULT_MUTATION_SIGMA,
): Rating {
  return { mu: parent.mu, sigma: Math.sqrt(ratingVariance(parent) + mutationSigma * mutationSigma) };
}

/**
 * A crossover child gets the precision-weighted mean of its parents (Set A first; order only affects
 * rounding) and σ = √(1/Σ precision + crossoverSigma²). Variances use the 1e-6 σ floor; the result is
 * not floored (see `initMutationChildRating`).
 */
export function initCrossoverChildRating(
  parents: readonly Rating[],
  crossoverSigma: number = DEFAULT_CROSSOVER_SIGMA,
): Rating {
  if (parents.length === 0) throw new Error("initCrossoverChildRating: no parents");
  let precision = 0;
  let precisionMean = 0;
  for (const p of parents) {
    const variance = ratingVariance(p);
    precision += 1 / variance;
    precisionMean += p.mu / variance;
  }
  return {
    mu: precisionMean / precision,
    sigma: Math.sqrt(1 / precision + crossoverSigma * crossoverSigma),
  };
}
