import { describe, expect, it } from "vitest";
import { prepareEvaluation, type StoredCell } from "./prepare-evaluation";

const cell = (
  position: number,
  checkpointLabel: string,
  programId: number,
  problemMeans: number[],
): StoredCell => ({
  position,
  checkpointLabel,
  programId,
  n: problemMeans.length * 2,
  metrics: {
    "Pass@1": problemMeans.reduce((a, b) => a + b, 0) / problemMeans.length,
    mean_reward: 0.5,
    ci_low: 0.1,
    ci_high: 0.9,
  },
  problemMeans,
});

describe("prepareEvaluation", () => {
  const cells = [
    cell(3, "final", 4, [1, 0.5]),
    cell(0, "base", 0, [0, 0.5]),
    cell(1, "base", 4, [0.5, 0.5]),
    cell(2, "final", 0, [0.5, 0]),
  ];
  it("lays the grid out in position order with metrics and CIs", () => {
    const view = prepareEvaluation(cells, 4, "completed");
    expect(view.checkpoints).toEqual(["base", "final"]);
    expect(view.programs).toEqual([0, 4]);
    expect(view.cells[0]).toEqual({
      checkpoint: "base",
      program: 0,
      n: 4,
      done: true,
      metrics: { "Pass@1": 0.25, mean_reward: 0.5 },
      ci: { low: 0.1, high: 0.9 },
      status: "graded",
      note: null,
    });
    expect(view.transferNote).toBeNull();
  });
  it("decomposes over the four corners and lists flips base+root → final+best", () => {
    const view = prepareEvaluation(cells, 4, "completed");
    // weights: (0.5, −0.5) → 0; prompt: (0.5, 0) → 0.25; both: (1, 0) → 0.5; interaction: (0, 0.5) → 0.25.
    expect(view.decomposition!.weightsOnly.estimate).toBe(0);
    expect(view.decomposition!.promptOnly.estimate).toBe(0.25);
    expect(view.decomposition!.both.estimate).toBe(0.5);
    expect(view.decomposition!.interaction.estimate).toBe(0.25);
    expect(view.flips).toEqual({
      from: { position: 0, checkpoint: "base", program: 0 },
      to: { position: 3, checkpoint: "final", program: 4 },
      items: [{ problemIndex: 0, from: 0, to: 1, kind: "gained" }],
    });
  });
  it("says why there is no decomposition without the corners", () => {
    const view = prepareEvaluation(cells.slice(0, 2), 4, "completed");
    expect(view.decomposition).toBeNull();
    expect(view.decompositionNote).toMatch(/base and final × root and best/);
  });
  it("keeps a transfer row in the grid but out of the decomposition and the flips", () => {
    const transfer = { ...cell(4, "model: other", 4, [0, 0]), transfer: true };
    const view = prepareEvaluation([...cells, transfer], 4, "completed");
    expect(view.checkpoints).toEqual(["base", "final", "model: other"]);
    expect(view.decomposition!.both.estimate).toBe(0.5);
    expect(view.flips!.to.checkpoint).toBe("final");
    expect(view.transferNote).toMatch(/^model: other: another model, none of this run's weights/);
  });
  it("shows cells that need a live backend as such and says so where the decomposition lacks them", () => {
    const needs = (position: number, label: string, program: number): StoredCell => ({
      ...cell(position, label, program, []),
      n: 0,
      metrics: null,
      source: "needs_backend",
      note: "needs a live backend: the final weights were saved after the last test and never graded",
    });
    const recorded = { ...cells[1]!, source: "recorded" as const, note: "recorded test rollouts of step 0" };
    const view = prepareEvaluation(
      [recorded, cells[2]!, needs(2, "final", 0), needs(3, "final", 4)],
      4,
      "completed",
    );
    expect(view.cells.map((c) => c.status)).toEqual(["recorded", "graded", "needs_backend", "needs_backend"]);
    expect(view.cells[2]!.done).toBe(false);
    expect(view.cells[0]!.note).toBe("recorded test rollouts of step 0");
    expect(view.decomposition).toBeNull();
    expect(view.decompositionNote).toMatch(/2 of them need a live backend/);
  });
});
