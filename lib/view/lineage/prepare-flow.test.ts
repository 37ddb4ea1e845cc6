import { describe, expect, test } from "vitest";
import { buildAdjacency, findAncestors, findDescendants } from "./graph";
import { layoutLineage } from "./layout-lineage";
import { prepareFlow, type FlowState } from "./prepare-flow";
import type { LineageEdge, LineageNode } from "./types";

const nodes: LineageNode[] = [
  {
    id: 0,
    origin: "root",
    birthStep: -1,
    evictedAtStep: 2,
    mu: 20,
    sigma: 8,
    timesSelected: 4,
    principleCount: 0,
    preview: "",
  },
  {
    id: 1,
    origin: "mutation",
    birthStep: 0,
    evictedAtStep: null,
    mu: 30,
    sigma: 2,
    timesSelected: 1,
    principleCount: 1,
    preview: "a",
  },
  {
    id: 2,
    origin: "mutation",
    birthStep: 1,
    evictedAtStep: null,
    mu: 25,
    sigma: 5,
    timesSelected: 0,
    principleCount: 1,
    preview: "b",
  },
  {
    id: 3,
    origin: "crossover",
    birthStep: 3,
    evictedAtStep: null,
    mu: 26,
    sigma: 6,
    timesSelected: 0,
    principleCount: 1,
    preview: "c",
  },
];
const edges: LineageEdge[] = [
  { parent: 0, child: 1, kind: "mutation", order: 0 },
  { parent: 0, child: 2, kind: "mutation", order: 0 },
  { parent: 1, child: 3, kind: "crossover", order: 0 },
  { parent: 2, child: 3, kind: "crossover", order: 1 },
];
const layout = layoutLineage(nodes, edges);
const base: FlowState = {
  step: 3,
  colourBy: "mu",
  selected: null,
  related: new Set(),
  best: 1,
  bestPath: new Set([0]),
  showBestPath: true,
  matches: new Set(),
};

describe("prepareFlow", () => {
  test("replay: unborn hidden (and their edges), evicted ghosts, the rest alive", () => {
    const { nodes: n, edges: e } = prepareFlow(nodes, edges, layout, { ...base, step: 2 });
    expect(n.map((d) => d.state)).toEqual(["ghost", "alive", "alive", "hidden"]);
    expect(e.map((d) => d.hidden)).toEqual([false, false, true, true]);
  });

  test("encodings: colour from μ or μ − 3σ, size from times selected, ring from σ", () => {
    const mu = prepareFlow(nodes, edges, layout, base).nodes;
    expect(mu[1]!.colour).toBe("rgb(254, 224, 79)"); // highest μ
    expect(mu[0]!.colour).toBe("rgb(49, 54, 149)"); // lowest μ
    expect(mu[0]!.size).toBe(44);
    expect(mu[2]!.size).toBe(20);
    expect(mu[0]!.ring).toBe(6);
    expect(mu[1]!.ring).toBe(1);
    const cons = prepareFlow(nodes, edges, layout, { ...base, colourBy: "conservative" }).nodes;
    expect(cons[0]!.colour).toBe("rgb(49, 54, 149)"); // 20 − 24 = −4, the lowest
  });

  test("selection emphasises ancestors and descendants and dims the rest; best path otherwise", () => {
    const adj = buildAdjacency(edges);
    const related = new Set([...findAncestors(1, adj), ...findDescendants(1, adj)]);
    const sel = prepareFlow(nodes, edges, layout, { ...base, selected: 1, related });
    expect(sel.nodes.map((d) => d.emphasis)).toEqual(["related", "selected", "dim", "related"]);
    expect(sel.edges.map((d) => d.emphasised)).toEqual([true, false, true, false]);
    const best = prepareFlow(nodes, edges, layout, base);
    expect(best.nodes.map((d) => d.emphasis)).toEqual(["path", "best", "none", "none"]);
    const search = prepareFlow(nodes, edges, layout, { ...base, matches: new Set([2]) });
    expect(search.nodes.map((d) => d.emphasis)).toEqual(["dim", "dim", "match", "dim"]);
  });

  test("positions come from the layout unchanged", () => {
    const { nodes: n } = prepareFlow(nodes, edges, layout, base);
    for (const d of n)
      expect([d.x, d.y]).toEqual([layout.positions.get(d.id)!.x, layout.positions.get(d.id)!.y]);
  });
});
