/**
 * Replay of the lineage and the leaderboard at a step: the graph and the table ship the final ratings;
 * scrubbed to step s they must show μ and σ as they were after step s (and what had been selected,
 * scored and evicted by then). The server reads those values from the stored rating updates
 * (lib/server/read/ratings-at.ts); these pure functions lay them over the final rows.
 */
import { z } from "zod";
import type { LeaderboardRow, LineageNode } from "./types";

export interface ProgramAt {
  id: number;
  mu: number;
  sigma: number;
  timesSelected: number;
  /** Mean of the program's scores over its updates by the step; null if not rated by then. */
  meanScore: number | null;
  /** Null unless the eviction had happened by the step. */
  evictedAtStep: number | null;
}

/** Every program born by `step`, as it stood after that step. */
export interface RatingsAt {
  step: number;
  programs: ProgramAt[];
}

/** The replay route's query: the step to replay (-1: before the first step, the root's prior). */
export const ratingsAtQuery = z.object({
  step: z.coerce.number().int().min(-1).max(2_147_483_647),
});

/**
 * Graph nodes with μ, σ and times selected as of the replayed step; nodes born later keep their final
 * values (the graph hides them at that step). `at` null (the last step, nothing to replay): unchanged.
 */
export function replayNodes(nodes: readonly LineageNode[], at: RatingsAt | null): readonly LineageNode[] {
  if (!at) return nodes;
  const byId = new Map(at.programs.map((p) => [p.id, p]));
  return nodes.map((n) => {
    const p = byId.get(n.id);
    return p ? { ...n, mu: p.mu, sigma: p.sigma, timesSelected: p.timesSelected } : n;
  });
}

/**
 * The leaderboard as it stood after the replayed step: only programs born by then, each with its
 * rating, selections, mean score and eviction of that moment, best μ − 3σ first.
 */
export function replayLeaderboard(rows: readonly LeaderboardRow[], at: RatingsAt | null): LeaderboardRow[] {
  if (!at) return [...rows];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return at.programs
    .flatMap((p) => {
      const row = byId.get(p.id);
      return row ? [{ ...row, ...p, conservative: p.mu - 3 * p.sigma }] : [];
    })
    .sort((a, b) => b.conservative - a.conservative || a.id - b.id);
}
