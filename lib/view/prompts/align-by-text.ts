/** The fallback hop: align a child's principles with its parent's by text alone. */
import { wordSimilarity, type StoredPrinciple } from "./principles";
import { finish, MODIFIED_SIMILARITY, type DerivedHop, type HopEntry } from "./hop-types";

/**
 * Fallback: equal texts are the same principle, then the most similar remaining pairs (above
 * MODIFIED_SIMILARITY) are modifications, the rest of the child is new.
 */
export function alignByText(
  parent: readonly StoredPrinciple[],
  child: readonly StoredPrinciple[],
): DerivedHop {
  const entries: (HopEntry | null)[] = child.map(() => null);
  const free = new Set(parent.map((p) => p.id));
  child.forEach((c, i) => {
    const same = parent.find((p) => free.has(p.id) && p.text === c.text);
    if (!same) return;
    free.delete(same.id);
    entries[i] = {
      principleId: c.id,
      kind: "unchanged",
      sources: [same.id],
      operation: null,
      mergedAdditions: 0,
    };
  });
  const pairs: { i: number; id: string; score: number }[] = [];
  child.forEach((c, i) => {
    if (entries[i]) return;
    for (const p of parent)
      if (free.has(p.id)) pairs.push({ i, id: p.id, score: wordSimilarity(p.text, c.text) });
  });
  pairs.sort((x, y) => y.score - x.score || x.i - y.i);
  for (const { i, id, score } of pairs) {
    if (score < MODIFIED_SIMILARITY) break;
    if (entries[i] || !free.has(id)) continue;
    free.delete(id);
    entries[i] = {
      principleId: child[i]!.id,
      kind: "modified",
      sources: [id],
      operation: null,
      mergedAdditions: 0,
    };
  }
  const filled = child.map(
    (c, i): HopEntry =>
      entries[i] ?? { principleId: c.id, kind: "added", sources: [], operation: null, mergedAdditions: 0 },
  );
  return finish(filled, parent, "text");
}
