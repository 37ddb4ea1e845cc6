/**
 * Core engine types shared by every module of lib/espl. The engine is pure: no database, network or
 * clock imports; everything random comes through an injected `Rng`.
 */

/** TrueSkill belief about a program's skill. */
export interface Rating {
  mu: number;
  sigma: number;
}

/** One principle of a program; ids are "G0".."G{n-1}" after every operator (operators renumber). */
export interface Principle {
  id: string;
  text: string;
}

/**
 * The engine's only source of randomness. Methods mirror the Python calls the reference makes so that
 * parity tests can script the draws (see the selection vectors), while the product uses a seeded,
 * serialisable implementation (lib/espl/rng.ts) so runs can resume with the same stream.
 */
export interface Rng {
  /** Uniform float in [0, 1), like Python's random.random(). */
  random(): number;
  /** k distinct elements in draw order, like random.sample. */
  sample<T>(population: readonly T[], k: number): T[];
  /** k independent draws with replacement, like random.choices. */
  choices<T>(population: readonly T[], k: number): T[];
  /** One element, like random.choice. */
  choice<T>(population: readonly T[]): T;
  /**
   * `count` distinct indices drawn without replacement with probabilities `p` (renormalised after each
   * draw), like numpy's choice(len(p), count, replace=False, p=p). Returns indices in draw order.
   */
  weightedIndicesWithoutReplacement(p: readonly number[], count: number): number[];
}
