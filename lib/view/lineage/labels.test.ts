import { describe, expect, test } from "vitest";
import { chooseLabels, findMainLine, labelRect, placeLabels, type LabelCandidate } from "./labels";
import type { LineageEdge, LineageNode } from "./types";

const node = (
  id: number,
  mu: number,
  sigma: number,
  birthStep: number,
  evictedAtStep: number | null = null,
) =>
  ({
    id,
    origin: id === 0 ? "root" : "mutation",
    birthStep,
    evictedAtStep,
    mu,
    sigma,
    timesSelected: 0,
    principleCount: 1,
    preview: "",
  }) satisfies LineageNode;

// 0 → 1 → 3 (crossover of 1 and 2), 0 → 2, 2 → 4 (born at step 5).
const nodes = [
  node(0, 20, 8, -1, 2),
  node(1, 24, 2, 0),
  node(2, 26, 3, 1),
  node(3, 30, 1, 2),
  node(4, 40, 1, 5),
];
const edges: LineageEdge[] = [
  { parent: 0, child: 1, kind: "mutation", order: 0 },
  { parent: 0, child: 2, kind: "mutation", order: 0 },
  { parent: 2, child: 3, kind: "crossover", order: 1 },
  { parent: 1, child: 3, kind: "crossover", order: 0 },
  { parent: 2, child: 4, kind: "mutation", order: 0 },
];
const place = (id: number) => ({ x: id * 56, y: id * 64, size: 20 });

describe("which nodes get labels", () => {
  test("the main line follows first parents (crossover: Set A) to the root", () => {
    expect(findMainLine(3, edges)).toEqual([1, 0]);
    expect(findMainLine(0, edges)).toEqual([]);
  });

  test("selected, best, top-k by μ − 3σ, then the best program's line, each once", () => {
    const labels = chooseLabels(nodes, place, {
      step: 2,
      colourBy: "mu",
      selected: 2,
      active: 0,
      best: 3,
      mainLine: [1, 0],
      top: 2,
    });
    // At step 2: alive 1 (18), 2 (17), 3 (27); 0 evicted (a ghost, still drawn); 4 not born.
    expect(labels.map((l) => [l.id, l.reason])).toEqual([
      [2, "selected"],
      [3, "best"],
      [0, "active"],
      [1, "top"],
    ]);
    expect(labels[1]!.text).toBe("#3 μ 30.00");
  });

  test("unborn programs are never labelled; the text follows the colour measure", () => {
    const labels = chooseLabels(nodes, place, {
      step: 1,
      colourBy: "conservative",
      selected: 4,
      best: 2,
      mainLine: [0],
    });
    expect(labels.map((l) => l.id)).toEqual([2, 1, 0]);
    expect(labels[0]!.text).toBe("#2 μ−3σ 17.00");
  });

  test("zoomed out, overlapping labels give way to higher priority ones, but not the best", () => {
    const at = (id: number, reason: LabelCandidate["reason"], x: number): LabelCandidate => ({
      id,
      reason,
      text: `#${id} μ 20.00`,
      x,
      y: 0,
      size: 20,
    });
    const candidates = [
      at(1, "selected", 0),
      at(5, "active", 5),
      at(2, "best", 10),
      at(3, "top", 20),
      at(4, "path", 1000),
    ];
    expect(placeLabels(candidates, 1).map((c) => c.id)).toEqual([1, 5, 2, 4]);
    // Zoomed in far enough, nothing overlaps.
    expect(placeLabels(candidates, 10).map((c) => c.id)).toEqual([1, 5, 2, 3, 4]);
    // The label sits under its node.
    expect(labelRect(candidates[0]!, 2).top).toBeGreaterThan(20);
  });
});
