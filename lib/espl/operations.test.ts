import { describe, expect, test } from "vitest";
import fc from "fast-check";
import type { Principle } from "./types";
import { PyDict } from "./llm/python-dict";
import { applyCrossoverOperations, applyRevisionPlan, renumberPrinciples } from "./operations";

const P = (...texts: string[]): Principle[] => texts.map((text, i) => ({ id: `G${i}`, text }));

function applied(principles: Principle[], operations: unknown): string[] {
  const result = applyCrossoverOperations(principles, operations);
  if (!result.ok) throw result.error;
  return result.principles.map((p) => p.text);
}

describe("renumberPrinciples", () => {
  test("keeps order and numbers from G0", () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (texts) => {
        const out = renumberPrinciples(texts);
        expect(out.map((p) => p.text)).toEqual(texts);
        expect(out.map((p) => p.id)).toEqual(texts.map((_, i) => `G${i}`));
      }),
    );
  });

  test("stores non-string values as Python's str()", () => {
    expect(renumberPrinciples([5, null, ["a"]]).map((p) => p.text)).toEqual(["5", "None", "['a']"]);
  });
});

describe("applyCrossoverOperations", () => {
  test("add/modify/remove with set labels ignored", () => {
    const ops = [
      { operation: "add", principle: "new" },
      { operation: "modify", modified_from: "B.G0", principle: "edited" },
      { operation: "remove", remove_id: "A.G1" },
    ];
    expect(applied(P("a", "b"), ops)).toEqual(["edited", "new"]);
  });

  test("add without principle still consumes an id; gaps in ids are renumbered away", () => {
    const principles = [
      { id: "G1", text: "a" },
      { id: "G7", text: "b" },
    ];
    const ops = [
      { operation: "add" },
      { operation: "add", principle: "c" },
      { operation: "remove", remove_id: "G8" },
    ];
    const result = applyCrossoverOperations(principles, ops);
    expect(result.ok && result.principles).toEqual(P("a", "b", "c"));
    expect(result.ok && result.outcomes.map((o) => o.status)).toEqual(["failed", "applied", "ignored"]);
  });

  test("tolerates malformed operations, even a non-list", () => {
    const principles = P("a");
    for (const ops of [{ operation: "add", principle: "x" }, "add", 5, null, true, [5, null, "x", [], {}]])
      expect(applied(principles, ops)).toEqual(["a"]);
    expect(applied(principles, [{ operation: "modify", modified_from: 0, principle: "x" }])).toEqual(["a"]);
  });

  test("a non-numeric id suffix is the reference's ValueError", () => {
    const result = applyCrossoverOperations([{ id: "Gx", text: "a" }], []);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.pyType).toBe("ValueError");
  });

  test("never throws and always renumbers", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 5 }), fc.jsonValue(), (texts, ops) => {
        const result = applyCrossoverOperations(P(...texts), ops);
        expect(result.ok).toBe(true);
        if (result.ok)
          expect(result.principles.map((p) => p.id)).toEqual(result.principles.map((_, i) => `G${i}`));
      }),
    );
  });
});

describe("applyRevisionPlan", () => {
  const candidates = () =>
    PyDict.fromEntries([
      ["G0", "a"],
      ["G1", "b"],
      ["C0", "c"],
    ]);

  test("modify appends unknown ids; merge replaces its ids with C{n}", () => {
    const plan = [
      { operation: "modify", modified_from: "G77", principle: "appended" },
      { operation: "merge", merged_from: ["G0", "C0"], principle: "merged" },
      { operation: "merge", merged_from: ["G1", "missing"], principle: "skipped" },
      { operation: "remove", remove_id: "G1" },
    ];
    const out = applyRevisionPlan(candidates(), plan, 1);
    expect(out.principles.entries()).toEqual([
      ["G1", "b"],
      ["G77", "appended"],
      ["C1", "merged"],
    ]);
    expect(out.nextCandidateId).toBe(2);
    expect(out.outcomes.map((o) => o.status)).toEqual(["applied", "applied", "failed", "ignored"]);
  });

  test("a merge without principle deletes its ids and adds nothing, as in the reference", () => {
    const out = applyRevisionPlan(candidates(), [{ operation: "merge", merged_from: ["G0", "G0"] }], 1);
    expect(out.principles.keys()).toEqual(["G1", "C0"]);
    expect(out.nextCandidateId).toBe(1);
  });

  test("skips bad operations but raises TypeError for a non-iterable plan", () => {
    const bad = [
      5,
      "x",
      { operation: "modify", modified_from: ["G0"], principle: "p" },
      { operation: "modify" },
    ];
    expect(applyRevisionPlan(candidates(), bad, 1).principles.values()).toEqual(["a", "b", "c"]);
    expect(applyRevisionPlan(candidates(), "mm", 1).principles.size).toBe(3);
    for (const plan of [5, null, true])
      expect(() => applyRevisionPlan(candidates(), plan, 1)).toThrow("not iterable");
  });

  test("does not touch its input", () => {
    const input = candidates();
    applyRevisionPlan(input, [{ operation: "modify", modified_from: "G0", principle: "z" }], 1);
    expect(input.get("G0")).toBe("a");
  });
});
