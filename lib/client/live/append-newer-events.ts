/**
 * The evolution view's live append: the first page of events (newest first) plus the events of steps
 * after the newest it shows. Pure and unit-tested. Returns null when the append cannot stand in for a
 * refetch: a later page or one step filtered (offsets shift), an empty page, or more new events than
 * were fetched.
 */
import type { EventList } from "@/lib/server/read/evolution/list-events";

/** The step after which to ask for events, or null when the page must be refetched whole. */
export function appendAfterStep(page: EventList | undefined, filteredToStep: boolean): number | null {
  if (!page || page.page !== 1 || filteredToStep || page.items.length === 0) return null;
  return Math.max(...page.items.map((e) => e.step));
}

export function appendNewerEvents(page: EventList, newer: EventList): EventList | null {
  if (newer.total > newer.items.length) return null;
  if (newer.items.length === 0) return page;
  return {
    ...page,
    total: page.total + newer.total,
    items: [...newer.items, ...page.items].slice(0, page.pageSize),
  };
}
