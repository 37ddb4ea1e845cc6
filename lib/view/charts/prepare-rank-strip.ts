/**
 * The per-step rank strip: for each step, its rated programs in rank order, each marked with whether
 * it shares its tie group (a TrueSkill draw) and with the group's position, so the strip can shade
 * alternate groups and bracket ties.
 */
import type { RankStrip } from "@/lib/view/lineage/types";

export interface StripCell {
  id: number;
  rank: number;
  score: number;
  tied: boolean;
  /** 0, 1, 2… per distinct tie group within the step, in rank order. */
  group: number;
}

export function prepareRankStrip(strip: RankStrip): {
  columns: { step: number; cells: StripCell[] }[];
  depth: number;
} {
  let depth = 0;
  const columns = strip.steps.map(({ step, entries }) => {
    const sorted = [...entries].sort((a, b) => a.rank - b.rank || a.id - b.id);
    const size = new Map<number, number>();
    for (const e of sorted) size.set(e.tieGroup, (size.get(e.tieGroup) ?? 0) + 1);
    const order = new Map<number, number>();
    const cells = sorted.map((e) => {
      if (!order.has(e.tieGroup)) order.set(e.tieGroup, order.size);
      return {
        id: e.id,
        rank: e.rank,
        score: e.score,
        tied: size.get(e.tieGroup)! > 1,
        group: order.get(e.tieGroup)!,
      };
    });
    depth = Math.max(depth, cells.length);
    return { step, cells };
  });
  return { columns, depth };
}
