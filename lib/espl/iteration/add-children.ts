/**
 * Turning operator results into pool members (SPEC §8.4, §9 steps 5-6): the crossover child first, then
 * the mutation child, each with a fresh id from the pool's counter, its parents' lists updated and FIFO
 * eviction applied on every add. Parents are the program objects themselves, not ids, because a parent
 * may already have been evicted by the crossover child when the mutation child is added (SPEC §13 item
 * 26); the reference updates the evicted object too, which is invisible afterwards.
 */
import type { EvolutionPool } from "../pool";
import { createProgram } from "../program";
import type { Program } from "../program";
import { initCrossoverChildRating, initMutationChildRating } from "../trueskill/rating-init";
import type { Principle, Rating } from "../types";
import type { NewProgramView } from "./types";

export interface CrossoverChildSpec {
  principles: readonly Principle[];
  /** Included programs, Set A first. */
  parents: readonly Program[];
  rating: Rating;
}

export interface MutationChildSpec {
  principles: readonly Principle[];
  parent: Program;
  mutationSigma: number;
}

export interface AddedChildren {
  crossoverChild: Program | null;
  mutationChild: Program | null;
  newPrograms: NewProgramView[];
  evicted: Program[];
}

/** §7: precision-weighted mean of the included parents' (already updated) ratings. */
export function computeCrossoverChildRating(parents: readonly Program[], crossoverSigma: number): Rating {
  return initCrossoverChildRating(
    parents.map((p) => p.rating),
    crossoverSigma,
  );
}

function describeNewProgram(program: Program, origin: NewProgramView["origin"], parentIds: number[]) {
  return {
    programId: program.programId,
    origin,
    parentIds,
    birthStep: program.timestep ?? -1,
    principles: program.principles.map((p) => ({ id: p.id, text: p.text })),
    rating: { mu: program.rating.mu, sigma: program.rating.sigma },
  };
}

export function addEvolutionChildren(
  pool: EvolutionPool,
  step: number,
  crossover: CrossoverChildSpec | null,
  mutation: MutationChildSpec | null,
): AddedChildren {
  const out: AddedChildren = { crossoverChild: null, mutationChild: null, newPrograms: [], evicted: [] };
  if (crossover) {
    const parentIds = crossover.parents.map((p) => p.programId);
    const child = createProgram({
      principles: crossover.principles,
      programId: pool.getNewProgramId(),
      timestep: step,
      selfModifiedFrom: -1,
      parentsList: parentIds,
      rating: crossover.rating,
    });
    for (const parent of crossover.parents) parent.childrenList.push(child.programId);
    out.evicted.push(...pool.add(child));
    out.crossoverChild = child;
    out.newPrograms.push(describeNewProgram(child, "crossover", parentIds));
  }
  if (mutation) {
    const parent = mutation.parent;
    const child = createProgram({
      principles: mutation.principles,
      programId: pool.getNewProgramId(),
      timestep: step,
      selfModifiedFrom: parent.programId,
      rating: initMutationChildRating(parent.rating, mutation.mutationSigma),
    });
    parent.selfModifyIdList.push(child.programId);
    out.evicted.push(...pool.add(child));
    out.mutationChild = child;
    out.newPrograms.push(describeNewProgram(child, "mutation", [parent.programId]));
  }
  return out;
}
