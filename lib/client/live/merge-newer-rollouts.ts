/**
 * The rollouts view's live update: the loaded pages plus the rollouts of the steps committed after them
 * (asked for with afterStep = the first page's throughStep). Pure and unit-tested. Returns null when
 * the newer rows cannot be placed without a refetch: a sort where they land anywhere (best reward, best
 * match).
 *
 * - newest first: they go on top of the first page (its cursor, the last row it held, still continues);
 *   past one answer, the answer becomes the only page (its cursor continues into the older steps, so
 *   scrolling brings back what was dropped), which costs no request;
 * - oldest first: they go after the last loaded row once the list is loaded to its end (else the next
 *   page brings them); past one answer, scrolling fetches the rest;
 * - every sort: the matching count grows by the newer rows' count, and an answer with no newer rows
 *   changes nothing but the step the pages are known through.
 */
import type { InfiniteData } from "@tanstack/react-query";
import type { RolloutPage } from "@/lib/server/read/list-rollouts";
import { COUNT_CAP, type RolloutSort } from "@/lib/domain/rollouts/rollout-filters";

export type RolloutPages = InfiniteData<RolloutPage, string | null>;

export function mergeNewerRollouts(
  held: RolloutPages,
  newer: RolloutPage,
  sort: RolloutSort,
): RolloutPages | null {
  const first = held.pages[0];
  const last = held.pages.at(-1);
  if (!first || !last) return null;
  let pages = held.pages;
  if (newer.rows.length > 0) {
    const heldIds = new Set(held.pages.flatMap((p) => p.rows.map((r) => r.id)));
    // A page fetched after the step committed (by scrolling) may hold some of them already.
    const fresh = newer.rows.filter((r) => !heldIds.has(r.id));
    if (sort === "best" || sort === "match") return null;
    if (sort === "newest") {
      if (newer.nextCursor !== null) return withCount({ pages: [newer], pageParams: [null] }, first, newer);
      pages = [{ ...first, rows: [...fresh, ...first.rows] }, ...held.pages.slice(1)];
    } else if (last.nextCursor === null) {
      // The list is loaded to its end: the newer rows follow, and past one answer the rest comes by
      // scrolling from after its last row (the answer's own cursor, the same filters after afterStep).
      pages = [
        ...held.pages.slice(0, -1),
        { ...last, rows: [...last.rows, ...fresh], nextCursor: newer.nextCursor },
      ];
    }
  }
  return withCount({ ...held, pages }, first, newer);
}

/** The first page counts the held and the newer matches and is known through the newer step. */
function withCount(data: RolloutPages, held: RolloutPage, newer: RolloutPage): RolloutPages {
  const total = held.matched.count + newer.matched.count;
  const head: RolloutPage = {
    ...data.pages[0]!,
    throughStep: newer.throughStep ?? held.throughStep,
    matched: {
      count: Math.min(total, COUNT_CAP),
      capped: held.matched.capped || newer.matched.capped || total > COUNT_CAP,
    },
  };
  return { ...data, pages: [head, ...data.pages.slice(1)] };
}
