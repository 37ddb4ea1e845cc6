/**
 * npx tsx lib/tools/bench/lineage/bench-lineage-view.ts — the lineage page's pure client work at
 * 1,000 programs and 1,500 edges (the same shape seed-lineage.ts writes to a database): layout, the
 * per-render display preparation, label choice and placement, and the opening fit. Prints p50/p95 per
 * part; the browser's render and paint are measured by npm run bench:lineage-paint.
 */
import { performance } from "node:perf_hooks";
import { percentile } from "@/lib/espl/bench/stats";
import { decideFit } from "@/lib/view/lineage/fit-view";
import { buildAdjacency, findAncestors, findBest } from "@/lib/view/lineage/graph";
import { chooseLabels, findMainLine, placeLabels } from "@/lib/view/lineage/labels";
import { layoutLineage } from "@/lib/view/lineage/layout-lineage";
import { prepareFlow } from "@/lib/view/lineage/prepare-flow";
import type { LineageEdge, LineageNode } from "@/lib/view/lineage/types";
import { LINEAGE_PROGRAMS } from "./seed-lineage";

const POOL = 100;
const SAMPLES = 50;

function makeGraph(): { nodes: LineageNode[]; edges: LineageEdge[] } {
  const nodes: LineageNode[] = [];
  const edges: LineageEdge[] = [];
  for (let i = 0; i < LINEAGE_PROGRAMS; i++) {
    const crossover = i >= 41 && i <= 541;
    nodes.push({
      id: i,
      origin: i === 0 ? "root" : crossover ? "crossover" : "mutation",
      birthStep: i === 0 ? -1 : Math.floor(i * 2.5),
      evictedAtStep: i + POOL < LINEAGE_PROGRAMS ? Math.floor((i + POOL) * 2.5) : null,
      mu: 20 + (i % 97) / 9.7,
      sigma: 1 + (i % 13) / 2,
      timesSelected: i % 40,
      principleCount: 5,
      preview: "",
    });
    if (i > 0) {
      const kind = crossover ? "crossover" : "mutation";
      edges.push({ parent: Math.max(0, i - 1 - ((i * 7) % 20)), child: i, kind, order: 0 });
      if (crossover) edges.push({ parent: i - 21 - ((i * 3) % 20), child: i, kind, order: 1 });
    }
  }
  return { nodes, edges };
}

function time(label: string, fn: () => unknown) {
  for (let i = 0; i < 5; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  console.log(`${label}: p50 ${percentile(t, 50).toFixed(2)} ms, p95 ${percentile(t, 95).toFixed(2)} ms`);
}

const { nodes, edges } = makeGraph();
const step = Math.max(...nodes.map((n) => n.birthStep));
const layout = layoutLineage(nodes, edges);
const adjacency = buildAdjacency(edges);
const best = findBest(nodes, step)!;
const state = {
  step,
  colourBy: "mu" as const,
  selected: null,
  related: new Set<number>(),
  best,
  bestPath: findAncestors(best, adjacency),
  showBestPath: true,
  matches: new Set<number>(),
};
const display = prepareFlow(nodes, edges, layout, state);
const drawn = display.nodes.filter((n) => n.state !== "hidden");
const byId = new Map(drawn.map((n) => [n.id, n]));
const mainLine = findMainLine(best, edges);
const labels = chooseLabels(nodes, (id) => byId.get(id), {
  step,
  colourBy: "mu",
  selected: null,
  best,
  mainLine,
});

console.log(`${nodes.length} programs, ${edges.length} edges, ${labels.length} label candidates`);
time("layoutLineage", () => layoutLineage(nodes, edges));
time("prepareFlow", () => prepareFlow(nodes, edges, layout, state));
time("chooseLabels (best, top 10, best line)", () =>
  chooseLabels(nodes, (id) => byId.get(id), { step, colourBy: "mu", selected: null, best, mainLine }),
);
time("placeLabels at zoom 0.1 (show all)", () => placeLabels(labels, 0.1));
time("decideFit (1,440 × 650 px)", () => decideFit(drawn, labels, byId.get(best)!, 1440, 650));
console.log(`opening view: ${decideFit(drawn, labels, byId.get(best)!, 1440, 650).mode}`);
