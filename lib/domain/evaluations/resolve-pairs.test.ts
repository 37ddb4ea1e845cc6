import { describe, expect, it } from "vitest";
import {
  conservativeRating,
  rankPrograms,
  resolveCells,
  resolveCheckpoints,
  resolvePrograms,
} from "./resolve-pairs";
import { parseSelectorList, readEvaluationSpec } from "./evaluation-spec";

const saved = [
  { step: 9, name: "final" },
  { step: 4, name: "000004" },
  { step: 4, name: "best" },
  { step: 2, name: "000002" },
];
// μ − 3σ: p0 = 25 − 25 = 0, p1 = 30 − 6 = 24, p2 = 28 − 3 = 25, p3 = 40 − 30 = 10, p4 = 28 − 3 = 25
const programs = [
  { programId: 0, mu: 25, sigma: 25 / 3 },
  { programId: 1, mu: 30, sigma: 2 },
  { programId: 2, mu: 28, sigma: 1 },
  { programId: 3, mu: 40, sigma: 10 },
  { programId: 4, mu: 28, sigma: 1 },
];

describe("resolveCheckpoints", () => {
  it("reads base, final, a step and all, without duplicates, in step order for all", () => {
    const r = resolveCheckpoints(["base", "final", "4", "all"], saved);
    expect(r).toEqual({
      ok: true,
      value: [
        { label: "base", step: -1, name: null },
        { label: "final", step: 9, name: "final" },
        { label: "step 4", step: 4, name: "000004" },
        { label: "step 2", step: 2, name: "000002" },
        { label: "best (step 4)", step: 4, name: "best" },
      ],
    });
  });
  it("says which steps exist when a step has no checkpoint", () => {
    expect(resolveCheckpoints(["3"], saved)).toEqual({
      ok: false,
      message: "no checkpoint was saved at step 3 (saved: 2, 4, 9)",
    });
  });
  it("refuses final for an unfinished run", () => {
    const r = resolveCheckpoints(["final"], [{ step: 2, name: "000002" }]);
    expect(r.ok).toBe(false);
  });
});

describe("resolvePrograms", () => {
  it("ranks by μ − 3σ, ties to the lower id", () => {
    expect(conservativeRating(programs[1]!)).toBe(24);
    expect(rankPrograms(programs).map((p) => p.programId)).toEqual([2, 4, 1, 3, 0]);
  });
  it("reads root, best, topK and ids, deduplicated", () => {
    expect(resolvePrograms(["root", "best", "top3", "3"], programs)).toEqual({
      ok: true,
      value: [0, 2, 4, 1, 3],
    });
  });
  it("refuses an unknown id", () => {
    expect(resolvePrograms(["7"], programs)).toEqual({ ok: false, message: "this run has no program 7" });
  });
});

describe("resolveCells", () => {
  it("makes the checkpoint-major grid", () => {
    const r = resolveCells({ checkpoints: ["base", "final"], programs: ["root", "best"] }, saved, programs);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.map((c) => [c.position, c.checkpoint.label, c.programId])).toEqual([
      [0, "base", 0],
      [1, "base", 2],
      [2, "final", 0],
      [3, "final", 2],
    ]);
  });
});

describe("evaluation spec", () => {
  it("fills defaults and splits comma lists", () => {
    const r = readEvaluationSpec({ checkpoints: parseSelectorList("base, final,"), programs: ["root"] });
    expect(r).toEqual({
      ok: true,
      spec: { checkpoints: ["base", "final"], programs: ["root"], split: "test", samples: 4, seed: 0 },
    });
  });
  it("says what is wrong in plain words", () => {
    const r = readEvaluationSpec({ checkpoints: ["latest"], programs: [], samples: 0 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain('checkpoints.0: a checkpoint is "base", "final", "all" or a step number');
      expect(r.message).toContain("programs: pick at least one program");
      expect(r.message).toContain("samples: at least 1 sample per problem");
    }
  });
});
