import { describe, expect, test } from "vitest";
import { layoutLineage, LANE_GAP, LAYER_GAP } from "./layout-lineage";
import type { LineageEdge, LineageNode } from "./types";

function node(id: number, birthStep: number, evictedAtStep: number | null = null): LineageNode {
  return {
    id,
    origin: id === 0 ? "root" : "mutation",
    birthStep,
    evictedAtStep,
    mu: 25,
    sigma: 8,
    timesSelected: 0,
    principleCount: 0,
    preview: "",
  };
}

const mut = (parent: number, child: number): LineageEdge => ({ parent, child, kind: "mutation", order: 0 });

describe("layoutLineage", () => {
  test("layers follow distinct birth steps, so same-step children share a layer", () => {
    const nodes = [node(0, -1), node(1, 3), node(2, 3), node(3, 10)];
    const { positions, layers, layerSteps } = layoutLineage(nodes, [mut(0, 1), mut(0, 2), mut(1, 3)]);
    expect(layerSteps).toEqual([-1, 3, 10]);
    expect(layers).toBe(3);
    expect([0, 1, 2, 3].map((id) => positions.get(id)!.layer)).toEqual([0, 1, 1, 2]);
    expect(positions.get(3)!.y).toBe(2 * LAYER_GAP);
  });

  test("no two programs alive together share a lane; a chain of mutations runs down one lane", () => {
    const nodes = [node(0, -1), node(1, 0), node(2, 1), node(3, 1)];
    const { positions } = layoutLineage(nodes, [mut(0, 1), mut(1, 2), mut(1, 3)]);
    const lanes = [0, 1, 2, 3].map((id) => positions.get(id)!.lane);
    expect(new Set(lanes).size).toBe(4); // nobody is evicted: four lanes
    const { positions: chain } = layoutLineage(
      [node(0, -1, 0), node(1, 0, 1), node(2, 1)],
      [mut(0, 1), mut(1, 2)],
    );
    expect([0, 1, 2].map((id) => chain.get(id)!.lane)).toEqual([0, 0, 0]);
    expect(chain.get(2)!.x).toBe(0);
  });

  test("an evicted program's lane is reused from the step of its eviction on, not before", () => {
    // 1 is evicted at step 4: 2 (born at 2) cannot share its lane, 3 (born at 4) may.
    const nodes = [node(0, -1), node(1, 0, 4), node(2, 2), node(3, 4)];
    const edges = [mut(0, 1), mut(0, 2), mut(1, 3)];
    const { positions } = layoutLineage(nodes, edges);
    expect(positions.get(2)!.lane).not.toBe(positions.get(1)!.lane);
    expect(positions.get(3)!.lane).toBe(positions.get(1)!.lane);
    for (const p of positions.values()) expect(p.x).toBe(p.lane * LANE_GAP);
  });

  test("a crossover child sits near its first parent (Set A)", () => {
    const nodes = [node(0, -1), node(1, 0), node(2, 0), node(3, 0), node(4, 4)];
    const edges: LineageEdge[] = [
      mut(0, 1),
      mut(0, 2),
      mut(0, 3),
      { parent: 3, child: 4, kind: "crossover", order: 0 },
      { parent: 1, child: 4, kind: "crossover", order: 1 },
    ];
    const { positions } = layoutLineage(nodes, edges);
    const d3 = Math.abs(positions.get(4)!.lane - positions.get(3)!.lane);
    const d1 = Math.abs(positions.get(4)!.lane - positions.get(1)!.lane);
    expect(d3).toBeLessThanOrEqual(d1);
  });

  test("1,000 programs and 1,500 edges lay out with every node placed and lanes bounded by the pool", () => {
    const nodes: LineageNode[] = [node(0, -1)];
    const edges: LineageEdge[] = [];
    for (let i = 1; i < 1000; i++) {
      // A FIFO pool of 20: program i is evicted when i + 20 is born.
      nodes.push(node(i, i, i + 20 < 1000 ? i + 20 : null));
      edges.push(mut(Math.max(0, i - 1 - (i % 7)), i));
      if (i % 2 === 0 && i > 10) edges.push({ parent: i - 9, child: i, kind: "crossover", order: 1 });
    }
    const { positions, lanes } = layoutLineage(nodes, edges);
    expect(positions.size).toBe(1000);
    expect(lanes).toBeLessThanOrEqual(40);
  });
});
