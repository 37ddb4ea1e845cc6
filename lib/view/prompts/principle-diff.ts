/**
 * A principle-level diff between two programs of a run. Principles are aligned by identity (see
 * propagateIdentities): the same identity on both sides is one principle, unchanged or modified; an
 * identity only in B is added, unless it is a merge of principles A has; one only in A is removed.
 * Word-level highlights come from jsdiff's diffWordsWithSpace: whitespace runs are tokens of their own,
 * so each side's parts put back together are exactly that side's text (diffWords folds the spaces
 * around a change into the unchanged parts, and a side could lose or gain a space between words).
 */
import { diffWordsWithSpace } from "diff";
import type { Identity } from "./lineage";
import type { StoredPrinciple } from "./principles";

export interface WordPart {
  value: string;
  kind: "same" | "added" | "removed";
}

export type DiffRow =
  | { kind: "unchanged"; a: StoredPrinciple; b: StoredPrinciple }
  | { kind: "modified"; a: StoredPrinciple; b: StoredPrinciple; words: WordPart[] }
  | { kind: "merged"; from: StoredPrinciple[]; b: StoredPrinciple; words: WordPart[] }
  | { kind: "added"; b: StoredPrinciple }
  | { kind: "removed"; a: StoredPrinciple };

export interface PrincipleDiff {
  rows: DiffRow[];
  counts: Record<DiffRow["kind"], number>;
}

export function diffWordParts(before: string, after: string): WordPart[] {
  return diffWordsWithSpace(before, after).map((c) => ({
    value: c.value,
    kind: c.added ? "added" : c.removed ? "removed" : "same",
  }));
}

/** Identities of A that a merge in B consumed, following merges of merges. */
function mergedFromA(key: string, inA: Map<string, StoredPrinciple>, mergeSources: Map<string, string[]>) {
  const found: string[] = [];
  const seen = new Set<string>();
  const visit = (k: string) => {
    if (seen.has(k)) return;
    seen.add(k);
    if (inA.has(k)) found.push(k);
    else for (const s of mergeSources.get(k) ?? []) visit(s);
  };
  for (const s of mergeSources.get(key) ?? []) visit(s);
  return found;
}

export function diffPrinciples(
  a: readonly Identity[],
  b: readonly Identity[],
  mergeSources: Map<string, string[]>,
): PrincipleDiff {
  const inA = new Map(a.map((x) => [x.key, x.principle]));
  const matchedA = new Set<string>();
  const rowsB: { row: DiffRow; aKeys: string[] }[] = b.map(({ key, principle }) => {
    const before = inA.get(key);
    if (before) {
      matchedA.add(key);
      return {
        aKeys: [key],
        row:
          before.text === principle.text
            ? { kind: "unchanged", a: before, b: principle }
            : {
                kind: "modified",
                a: before,
                b: principle,
                words: diffWordParts(before.text, principle.text),
              },
      };
    }
    const from = mergedFromA(key, inA, mergeSources).filter((k) => !matchedA.has(k));
    if (from.length === 0) return { aKeys: [], row: { kind: "added", b: principle } };
    for (const k of from) matchedA.add(k);
    const sources = from.map((k) => inA.get(k)!);
    return {
      aKeys: from,
      row: {
        kind: "merged",
        from: sources,
        b: principle,
        words: diffWordParts(sources.map((s) => s.text).join(" "), principle.text),
      },
    };
  });
  // A removed principle is shown right after the row of the nearest A principle before it that B kept.
  const rows: DiffRow[] = [];
  const removedAfter = new Map<number, DiffRow[]>();
  const rowOfA = new Map<string, number>();
  rowsB.forEach((r, i) => r.aKeys.forEach((k) => rowOfA.set(k, i)));
  let anchor = -1;
  for (const { key, principle } of a) {
    if (rowOfA.has(key)) anchor = Math.max(anchor, rowOfA.get(key)!);
    else if (!matchedA.has(key)) {
      const list = removedAfter.get(anchor) ?? [];
      list.push({ kind: "removed", a: principle });
      removedAfter.set(anchor, list);
    }
  }
  rows.push(...(removedAfter.get(-1) ?? []));
  rowsB.forEach((r, i) => rows.push(r.row, ...(removedAfter.get(i) ?? [])));
  const counts = { unchanged: 0, modified: 0, merged: 0, added: 0, removed: 0 };
  for (const row of rows) counts[row.kind] += 1;
  return { rows, counts };
}
