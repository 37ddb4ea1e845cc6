/**
 * Lineage and ratings rebuilt from two pool snapshots: the pool at the start of a step and the pool at
 * the start of the next (= after the step). The reference keeps no rating log, so a step's TrueSkill
 * update is the difference between the two; a program in the first and not the second was evicted.
 */
import "server-only";
import type { PoolEntry } from "./schemas";

export type ImportedOrigin = "root" | "mutation" | "crossover";

/** The reference's root program before any step (SPEC §6.1 defaults: μ = 25, σ = 25/3). */
export const ROOT_ENTRY: PoolEntry = {
  principles: {},
  program_id: 0,
  timestep: -1,
  self_modified_from: -1,
  self_modify_id_list: [],
  parents_list: null,
  children_list: [],
  past_score_history: [],
  rating: { mu: 25, sigma: 25 / 3 },
};

/** Crossover children record both parents (Set A first); mutation children their one parent. */
export function describeOrigin(entry: PoolEntry): { origin: ImportedOrigin; parentIds: number[] } {
  if (entry.parents_list && entry.parents_list.length > 0)
    return { origin: "crossover", parentIds: entry.parents_list };
  if (entry.self_modified_from >= 0) return { origin: "mutation", parentIds: [entry.self_modified_from] };
  return { origin: "root", parentIds: [] };
}

/** Ordered principles [{id, text}] as the programs table stores them. */
export function toPrincipleList(principles: Record<string, string>): { id: string; text: string }[] {
  return Object.entries(principles).map(([id, text]) => ({ id, text }));
}

export interface ImportedRatingUpdate {
  programId: number;
  before: { mu: number; sigma: number };
  after: { mu: number; sigma: number };
  score: number;
  rank: number;
  tieGroup: number;
}

/**
 * Programs whose rating changed between the snapshots. Score: the history entry the step appended (the
 * program's mean reward this step). Rank and tie group follow the scores, best first.
 */
export function findRatingUpdates(before: PoolEntry[], after: PoolEntry[]): ImportedRatingUpdate[] {
  const previous = new Map(before.map((p) => [p.program_id, p]));
  const changed = after.flatMap((p) => {
    const old = previous.get(p.program_id);
    if (!old) return [];
    if (old.rating.mu === p.rating.mu && old.rating.sigma === p.rating.sigma) return [];
    const appended = p.past_score_history.length > old.past_score_history.length;
    const score = appended ? p.past_score_history[p.past_score_history.length - 1]! : 0;
    return [{ programId: p.program_id, before: old.rating, after: p.rating, score }];
  });
  const sorted = [...changed].sort((a, b) => b.score - a.score);
  const distinct = [...new Set(sorted.map((u) => u.score))];
  return sorted.map((u, rank) => ({ ...u, rank, tieGroup: distinct.indexOf(u.score) }));
}

export function findEvicted(before: PoolEntry[], after: PoolEntry[]): number[] {
  const kept = new Set(after.map((p) => p.program_id));
  return before.filter((p) => !kept.has(p.program_id)).map((p) => p.program_id);
}

/** A program the step created: in the next pool, not in this one, born at this step. */
export function findChild(
  before: PoolEntry[],
  after: PoolEntry[],
  step: number,
  origin: "mutation" | "crossover",
): PoolEntry | null {
  const existing = new Set(before.map((p) => p.program_id));
  return (
    after.find(
      (p) => !existing.has(p.program_id) && p.timestep === step && describeOrigin(p).origin === origin,
    ) ?? null
  );
}

const principlesKey = (principles: Record<string, string>) => JSON.stringify(Object.entries(principles));

/**
 * The pool program a slot sampled, found by its principles (the slot file holds only those). With two
 * identical programs the newest wins, as selection favours the newest candidate.
 */
export function matchSlotProgram(pool: PoolEntry[], principles: Record<string, string>): number | null {
  const key = principlesKey(principles);
  for (let i = pool.length - 1; i >= 0; i--)
    if (principlesKey(pool[i]!.principles) === key) return pool[i]!.program_id;
  return null;
}
