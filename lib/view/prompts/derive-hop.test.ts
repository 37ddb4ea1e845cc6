import { describe, expect, test } from "vitest";
import { alignByText, deriveHop, type CallSummary } from "./derive-hop";
import type { StoredPrinciple } from "./principles";

const P = (...texts: string[]): StoredPrinciple[] => texts.map((text, i) => ({ id: `G${i}`, text }));

describe("mutation hops", () => {
  const parent = P("Check parity first.", "Draw a diagram.", "Test small cases.");
  const calls: CallSummary[] = [
    { ordinal: 0, purpose: "mutation.summary", parsedOperations: null },
    { ordinal: 1, purpose: "mutation.critique", parsedOperations: null },
    { ordinal: 2, purpose: "mutation.critique", parsedOperations: null },
    { ordinal: 3, purpose: "mutation.batch", parsedOperations: null },
  ];
  const critiqueOperations = [
    [{ operation: "modify", modified_from: "G1", principle: "x" }],
    [
      { operation: "add", principle: "Bound the answer." },
      { operation: "add", principle: "Use symmetry." },
    ],
  ];
  const revisionPlan = [
    { operation: "modify", modified_from: "G0", principle: "Check parity and signs first." },
    { operation: "merge", merged_from: ["G2", "C1"], principle: "Test small symmetric cases." },
    { operation: "merge", merged_from: ["G9", "G1"], principle: "never applied" },
  ];
  // The engine's order after the plan: G0 (modified in place), G1, C0, then the merge's C2.
  const pre: [string, string][] = [
    ["G0", "Check parity and signs first."],
    ["G1", "Draw a diagram."],
    ["C0", "Bound the answer."],
    ["C2", "Test small symmetric cases."],
  ];
  const child = P(...pre.map(([, t]) => t));

  test("follows the stored pre-renumber ids to the operations", () => {
    const hop = deriveHop(parent, child, {
      kind: "mutation",
      details: { preRenumberPrinciples: pre, critiqueOperations, revisionPlan },
      calls,
    });
    expect(hop.alignedBy).toBe("provenance");
    expect(hop.entries.map((e) => [e.principleId, e.kind, e.sources])).toEqual([
      ["G0", "modified", ["G0"]],
      ["G1", "unchanged", ["G1"]],
      ["G2", "added", []],
      ["G3", "merged", ["G2"]],
    ]);
    expect(hop.entries[0]!.operation).toMatchObject({ stage: "revision", callOrdinal: 3, opIndex: 0 });
    expect(hop.entries[2]!.operation).toMatchObject({ stage: "critique", callOrdinal: 2, opIndex: 0 });
    expect(hop.entries[3]!.operation).toMatchObject({ stage: "revision", opIndex: 1 });
    expect(hop.entries[3]!.mergedAdditions).toBe(1);
    expect(hop.removed).toEqual([]);
  });

  test("falls back to text alignment when the stored candidates do not match the child", () => {
    const hop = deriveHop(parent, child, {
      kind: "mutation",
      details: { preRenumberPrinciples: pre.slice(1), critiqueOperations, revisionPlan },
      calls,
    });
    expect(hop.alignedBy).toBe("text");
    expect(hop.entries[1]).toMatchObject({ kind: "unchanged", sources: ["G1"] });
  });
});

describe("crossover hops", () => {
  const setA = P("Check parity first.", "Avoid diagrams.", "Test small cases.");
  test("replays add, modify (any set label edits Set A) and remove in dict order", () => {
    const ops = [
      { operation: "remove", remove_id: "A.G1", evidence: "Set B won Q.2; A.G1 steers away" },
      { operation: "add", evidence: "Set B won Q.3 with B.G0", principle: "Draw a diagram." },
      { operation: "modify", modified_from: "B.G2", evidence: "Q.1", principle: "Test small cases twice." },
      { operation: "modify", modified_from: "A.G7", principle: "ignored: no such id" },
    ];
    const child = P("Check parity first.", "Test small cases twice.", "Draw a diagram.");
    const hop = deriveHop(setA, child, {
      kind: "crossover",
      details: {},
      calls: [{ ordinal: 0, purpose: "crossover", parsedOperations: ops }],
    });
    expect(hop.alignedBy).toBe("provenance");
    expect(hop.entries.map((e) => [e.kind, e.sources])).toEqual([
      ["unchanged", ["G0"]],
      ["modified", ["G2"]],
      ["added", []],
    ]);
    expect(hop.entries[2]!.operation?.evidence).toBe("Set B won Q.3 with B.G0");
    expect(hop.removed).toEqual(["G1"]);
  });
});

describe("text alignment", () => {
  test("equal texts, then similar ones, then new", () => {
    const hop = alignByText(
      P("Check parity first.", "Draw a careful diagram of the figure."),
      P("Draw a careful diagram of the whole figure.", "Something else entirely.", "Check parity first."),
    );
    expect(hop.entries.map((e) => [e.kind, e.sources])).toEqual([
      ["modified", ["G1"]],
      ["added", []],
      ["unchanged", ["G0"]],
    ]);
  });
});

describe("imported runs", () => {
  test("a crossover keeps the result as the call's value and the operations in details", () => {
    const setA = P("Check parity first.");
    const child = P("Check parity first.", "Draw a diagram.");
    const hop = deriveHop(setA, child, {
      kind: "crossover",
      details: {
        imported: true,
        operations: [{ operation: "add", principle: "Draw a diagram.", evidence: "Q.1" }],
      },
      calls: [
        {
          ordinal: 0,
          purpose: "crossover",
          parsedOperations: { G0: "Check parity first.", G1: "Draw a diagram." },
        },
      ],
    });
    expect(hop.alignedBy).toBe("provenance");
    expect(hop.entries[1]).toMatchObject({ kind: "added", operation: { evidence: "Q.1" } });
  });

  test("a mutation's parsed plan is read from revisionPlanOperations, not the reply text", () => {
    const parent = P("A.", "B.");
    const child = P("A and B.");
    const hop = deriveHop(parent, child, {
      kind: "mutation",
      details: {
        imported: true,
        revisionPlan: "I will merge G0 and G1.",
        revisionPlanOperations: [{ operation: "merge", merged_from: ["G0", "G1"], principle: "A and B." }],
        preRenumberPrinciples: [["C0", "A and B."]],
        critiqueOperations: [],
      },
      calls: [{ ordinal: 0, purpose: "batch_revision", parsedOperations: [] }],
    });
    expect(hop.entries[0]).toMatchObject({
      kind: "merged",
      sources: ["G0", "G1"],
      operation: { stage: "revision", callOrdinal: 0 },
    });
  });
});
