import { describe, expect, test } from "vitest";
import type { PrincipleHistory, ProvenanceStep } from "./lineage";
import { summarizePrincipleHistory } from "./principle-timeline";

const step = (
  programId: number,
  kind: ProvenanceStep["kind"],
  text = `text ${programId}`,
): ProvenanceStep => ({
  programId,
  step: programId * 2,
  eventId: programId * 10,
  eventKind: "mutation",
  principleId: "G0",
  text,
  kind,
  sources: kind === "added" ? [] : ["G0"],
  parentProgramId: programId - 1,
  operation: null,
  mergedAdditions: 0,
  alignedBy: "provenance",
});

describe("a principle's timeline", () => {
  test("first appearance, then its edits oldest first; kept copies are not edits", () => {
    const history: PrincipleHistory = {
      end: "introduced",
      steps: [
        step(9, "unchanged"),
        step(7, "modified"),
        step(5, "unchanged"),
        step(4, "modified"),
        step(2, "added"),
      ],
    };
    const timeline = summarizePrincipleHistory(history);
    expect(timeline.origin?.programId).toBe(2);
    expect(timeline.origin?.eventId).toBe(20);
    expect(timeline.edits.map((e) => e.programId)).toEqual([4, 7]);
  });
  test("a principle from the root program has no origin event, only its edits", () => {
    const timeline = summarizePrincipleHistory({
      end: "root",
      steps: [step(3, "modified"), step(1, "unchanged")],
    });
    expect(timeline).toMatchObject({ origin: null, end: "root" });
    expect(timeline.edits.map((e) => e.programId)).toEqual([3]);
  });
  test("a merge is the origin, not an edit", () => {
    const timeline = summarizePrincipleHistory({ end: "introduced", steps: [step(6, "merged")] });
    expect(timeline.origin?.kind).toBe("merged");
    expect(timeline.edits).toEqual([]);
  });
});
