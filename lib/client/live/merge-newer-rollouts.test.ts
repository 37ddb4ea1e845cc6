import { expect, test } from "vitest";
import type { RolloutPage, RolloutSummary } from "@/lib/server/read/list-rollouts";
import { mergeNewerRollouts, type RolloutPages } from "./merge-newer-rollouts";

const row = (id: number, step: number): RolloutSummary => ({
  id: String(id),
  step,
  split: "train",
  slot: 0,
  programId: 0,
  problemId: null,
  problemIndex: id,
  sampleIndex: 0,
  reward: 1,
  advantage: null,
  trained: false,
  promptTokens: null,
  completionTokens: null,
  completionChars: 1,
  extractedAnswer: null,
  question: null,
  groundTruth: null,
  snippet: null,
});

const page = (rows: RolloutSummary[], extra: Partial<RolloutPage> = {}): RolloutPage => ({
  rows,
  nextCursor: null,
  matched: { count: rows.length, capped: false },
  searchHasNoWords: false,
  throughStep: Math.max(-1, ...rows.map((r) => r.step)),
  ...extra,
});
const pages = (...list: RolloutPage[]): RolloutPages => ({
  pages: list,
  pageParams: list.map((_, i) => (i ? `c${i}` : null)),
});
const ids = (data: RolloutPages | null) => data?.pages.map((p) => p.rows.map((r) => r.id));

test("newest first: the newer rows go on top, the count grows, later pages and cursors stay", () => {
  const held = pages(
    page([row(4, 2), row(3, 2)], { nextCursor: "after-3", matched: { count: 4, capped: false } }),
    page([row(2, 1), row(1, 1)]),
  );
  const merged = mergeNewerRollouts(held, page([row(6, 3), row(5, 3)]), "newest")!;
  expect(ids(merged)).toEqual([
    ["6", "5", "4", "3"],
    ["2", "1"],
  ]);
  expect(merged.pages[0]).toMatchObject({
    nextCursor: "after-3",
    throughStep: 3,
    matched: { count: 6, capped: false },
  });
  expect(merged.pageParams).toEqual(held.pageParams);
});

test("newest first: past one answer, the answer is the list, continuing from its cursor", () => {
  const held = pages(
    page([row(2, 1)], { nextCursor: "c1", matched: { count: 2, capped: false } }),
    page([row(1, 1)]),
  );
  const newer = page([row(4, 2)], { nextCursor: "after-4", matched: { count: 2, capped: false } });
  const merged = mergeNewerRollouts(held, newer, "newest")!;
  expect(ids(merged)).toEqual([["4"]]);
  expect(merged.pageParams).toEqual([null]);
  expect(merged.pages[0]).toMatchObject({ nextCursor: "after-4", throughStep: 2, matched: { count: 4 } });
});

test("oldest first: appended once the list is loaded to its end; otherwise only the count moves", () => {
  const ended = pages(page([row(1, 1)], { nextCursor: "c1" }), page([row(2, 1)]));
  const merged = mergeNewerRollouts(ended, page([row(3, 2)]), "oldest")!;
  expect(ids(merged)).toEqual([["1"], ["2", "3"]]);
  expect(merged.pages[0]!.matched.count).toBe(2);

  const partial = pages(page([row(1, 1)], { nextCursor: "c1", matched: { count: 9, capped: false } }));
  const counted = mergeNewerRollouts(partial, page([row(3, 2), row(4, 2)]), "oldest")!;
  expect(ids(counted)).toEqual([["1"]]);
  expect(counted.pages[0]).toMatchObject({ nextCursor: "c1", throughStep: 2, matched: { count: 11 } });
});

test("oldest first: past one answer, the list continues from the answer's cursor", () => {
  const merged = mergeNewerRollouts(
    pages(page([row(1, 1)])),
    page([row(2, 2)], { nextCursor: "after-2" }),
    "oldest",
  )!;
  expect(ids(merged)).toEqual([["1", "2"]]);
  expect(merged.pages[0]!.nextCursor).toBe("after-2");
});

test("rows a scrolled page already holds are not added twice", () => {
  const held = pages(page([row(1, 1)], { nextCursor: "c1" }), page([row(2, 2)], { throughStep: 2 }));
  const merged = mergeNewerRollouts(held, page([row(2, 2), row(3, 2)]), "oldest")!;
  expect(ids(merged)).toEqual([["1"], ["2", "3"]]);
});

test("best reward and best match refetch when a step added matching rows, and not when it did not", () => {
  const held = pages(page([row(1, 1)], { matched: { count: 1, capped: false } }));
  expect(mergeNewerRollouts(held, page([row(2, 2)]), "best")).toBeNull();
  expect(mergeNewerRollouts(held, page([row(2, 2)]), "match")).toBeNull();
  const unchanged = mergeNewerRollouts(held, page([], { throughStep: 2 }), "best")!;
  expect(ids(unchanged)).toEqual([["1"]]);
  expect(unchanged.pages[0]).toMatchObject({ throughStep: 2, matched: { count: 1 } });
});

test("the count stays capped past the cap", () => {
  const held = pages(page([row(1, 1)], { nextCursor: "c", matched: { count: 9_990, capped: false } }));
  const merged = mergeNewerRollouts(
    held,
    page([row(2, 2)], { matched: { count: 20, capped: false } }),
    "oldest",
  )!;
  expect(merged.pages[0]!.matched).toEqual({ count: 10_000, capped: true });
});
