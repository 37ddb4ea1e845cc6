import { describe, expect, test } from "vitest";
import { alignByText, type DerivedHop } from "./derive-hop";
import { findLastChange, propagateIdentities, walkPrincipleBack, type ChainLink } from "./lineage";
import { diffPrinciples } from "./principle-diff";
import type { StoredPrinciple } from "./principles";

const P = (...texts: string[]): StoredPrinciple[] => texts.map((text, i) => ({ id: `G${i}`, text }));

function link(
  programId: number,
  principles: StoredPrinciple[],
  hop: DerivedHop | null,
  origin = "mutation",
): ChainLink {
  return {
    programId,
    birthStep: programId,
    origin,
    principles,
    eventId: programId * 10,
    eventKind: hop ? "mutation" : null,
    hop,
  };
}

// root(0) → 1 adds two → 2 rewords one and adds one → 3 merges two (hand-written hop) and drops one
const p0 = P();
const p1 = P("Check parity first.", "Draw a diagram.");
const p2 = P("New idea about bounds.", "Check parity and sign first.", "Draw a diagram.");
const p3 = P("Check parity and sign first.", "Draw a diagram, then bound it.");
const hop3: DerivedHop = {
  alignedBy: "provenance",
  removed: [],
  entries: [
    { principleId: "G0", kind: "unchanged", sources: ["G1"], operation: null, mergedAdditions: 0 },
    { principleId: "G1", kind: "merged", sources: ["G0", "G2"], operation: null, mergedAdditions: 0 },
  ],
};
const chain = [
  link(0, p0, null, "root"),
  link(1, p1, alignByText(p0, p1)),
  link(2, p2, alignByText(p1, p2)),
  link(3, p3, hop3),
];

describe("walking a principle back", () => {
  test("goes through modifications to the addition that introduced it", () => {
    const history = walkPrincipleBack(chain, "G0");
    expect(history.end).toBe("introduced");
    expect(history.steps.map((s) => [s.programId, s.principleId, s.kind])).toEqual([
      [3, "G0", "unchanged"],
      [2, "G1", "modified"],
      [1, "G0", "added"],
    ]);
    expect(findLastChange(history)?.programId).toBe(2);
  });
  test("stops at a merge, listing its sources", () => {
    const history = walkPrincipleBack(chain, "G1");
    expect(history.steps).toHaveLength(1);
    expect(history.steps[0]).toMatchObject({ kind: "merged", sources: ["G0", "G2"], parentProgramId: 2 });
  });
  test("a chain that starts after the origin ends at its window", () => {
    expect(walkPrincipleBack(chain.slice(2), "G0").end).toBe("window");
  });
});

describe("diff aligned by provenance", () => {
  test("program 1 against program 3: modified, merged, and what was dropped", () => {
    const merges = new Map<string, string[]>();
    const a = propagateIdentities(chain.slice(0, 2), merges);
    const b = propagateIdentities(chain, merges);
    // B's ids are renumbered: alignment must come from identities, not ids.
    const diff = diffPrinciples(a, b, merges);
    expect(diff.rows.map((r) => r.kind)).toEqual(["modified", "merged"]);
    const modified = diff.rows[0]!;
    if (modified.kind !== "modified") throw new Error("expected modified");
    expect(modified.a.id).toBe("G0");
    expect(modified.b.id).toBe("G0");
    expect(modified.words.filter((w) => w.kind === "added").map((w) => w.value.trim())).toEqual(["and sign"]);
    const merged = diff.rows[1]!;
    if (merged.kind !== "merged") throw new Error("expected merged");
    expect(merged.from.map((p) => p.text)).toEqual(["Draw a diagram."]);
  });
  test("program 2 against program 1: the addition shows as removed in place", () => {
    const merges = new Map<string, string[]>();
    const a = propagateIdentities(chain.slice(0, 3), merges);
    const b = propagateIdentities(chain.slice(0, 2), new Map());
    const diff = diffPrinciples(a, b, merges);
    expect(diff.rows.map((r) => r.kind)).toEqual(["removed", "modified", "unchanged"]);
    expect(diff.counts).toMatchObject({ removed: 1, modified: 1, unchanged: 1, added: 0 });
  });
});
