import { describe, expect, test } from "vitest";
import {
  buildAdjacency,
  findAncestors,
  findBest,
  findDescendants,
  isAliveAt,
  nodeSize,
  populationAt,
  rampColour,
  ringWidth,
} from "./graph";
import type { LineageEdge, LineageNode } from "./types";

function node(id: number, birthStep: number, evictedAtStep: number | null, mu = 25, sigma = 8): LineageNode {
  return {
    id,
    origin: "mutation",
    birthStep,
    evictedAtStep,
    mu,
    sigma,
    timesSelected: 0,
    principleCount: 0,
    preview: "",
  };
}

const edges: LineageEdge[] = [
  { parent: 0, child: 1, kind: "mutation", order: 0 },
  { parent: 0, child: 2, kind: "mutation", order: 0 },
  { parent: 1, child: 3, kind: "crossover", order: 0 },
  { parent: 2, child: 3, kind: "crossover", order: 1 },
  { parent: 3, child: 4, kind: "mutation", order: 0 },
];

describe("lineage graph queries", () => {
  test("population at a step: born by then, not evicted by then", () => {
    const nodes = [node(0, -1, 2), node(1, 0, null), node(2, 2, 5), node(3, 6, null)];
    expect(populationAt(nodes, -1)).toEqual([0]);
    expect(populationAt(nodes, 1)).toEqual([0, 1]);
    expect(populationAt(nodes, 2)).toEqual([1, 2]); // 0 evicted at 2, 2 born at 2
    expect(populationAt(nodes, 6)).toEqual([1, 3]);
    expect(isAliveAt(nodes[2]!, 5)).toBe(false);
  });

  test("ancestors and descendants follow every parent of a crossover", () => {
    const adj = buildAdjacency(edges);
    expect([...findAncestors(4, adj)].sort()).toEqual([0, 1, 2, 3]);
    expect([...findDescendants(1, adj)].sort()).toEqual([3, 4]);
    expect(findAncestors(0, adj).size).toBe(0);
  });

  test("best by μ − 3σ, optionally among the living", () => {
    const nodes = [node(0, -1, 3, 30, 1), node(1, 0, null, 40, 5), node(2, 1, null, 28, 1)];
    expect(findBest(nodes, null)).toBe(0); // 27 vs 25 vs 25
    expect(findBest(nodes, 5)).toBe(1); // 0 is gone: 25 vs 25, first wins
    expect(findBest([], null)).toBeNull();
  });

  test("encodings stay in range", () => {
    expect(rampColour(0)).toBe("rgb(49, 54, 149)");
    expect(rampColour(1)).toBe("rgb(254, 224, 79)");
    expect(rampColour(Number.NaN)).toBe("rgb(49, 54, 149)");
    expect(nodeSize(0, 10)).toBe(20);
    expect(nodeSize(10, 10)).toBe(44);
    expect(nodeSize(3, 0)).toBe(20);
    expect(ringWidth(8, 1, 8)).toBe(6);
    expect(ringWidth(1, 1, 8)).toBe(1);
  });
});
