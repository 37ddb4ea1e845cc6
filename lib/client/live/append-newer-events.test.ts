import { describe, expect, test } from "vitest";
import type { EventList, EventListItem } from "@/lib/server/read/evolution/list-events";
import { appendAfterStep, appendNewerEvents } from "./append-newer-events";

const event = (id: number, step: number): EventListItem => ({
  id,
  step,
  kind: "mutation",
  status: "ok",
  outcome: "child_created",
  parentIds: [0],
  childProgramId: id,
  error: null,
  callCount: 1,
});
const list = (items: EventListItem[], over: Partial<EventList> = {}): EventList => ({
  total: items.length,
  page: 1,
  pageSize: 3,
  items,
  ...over,
});

describe("appendAfterStep", () => {
  test("the first page appends after its newest step", () => {
    expect(appendAfterStep(list([event(2, 1), event(1, 0)]), false)).toBe(1);
  });

  test("a later page, a step filter or an empty page refetches whole", () => {
    expect(appendAfterStep(list([event(2, 1)], { page: 2 }), false)).toBeNull();
    expect(appendAfterStep(list([event(2, 1)]), true)).toBeNull();
    expect(appendAfterStep(list([]), false)).toBeNull();
    expect(appendAfterStep(undefined, false)).toBeNull();
  });
});

describe("appendNewerEvents", () => {
  test("newer events go first, the page keeps its size and the total counts them", () => {
    const page = list([event(2, 1), event(1, 0)], { total: 7 });
    const next = appendNewerEvents(page, list([event(4, 2), event(3, 2)]))!;
    expect(next.items.map((e) => e.id)).toEqual([4, 3, 2]);
    expect(next.total).toBe(9);
    expect(page.items).toHaveLength(2);
  });

  test("nothing new keeps the page as it is; more than was fetched asks for a refetch", () => {
    const page = list([event(2, 1)]);
    expect(appendNewerEvents(page, list([]))).toBe(page);
    expect(appendNewerEvents(page, list([event(5, 3)], { total: 4 }))).toBeNull();
  });
});
