/**
 * Pure queries over a run's lineage used by the view: who was in the population at a step, the
 * ancestors and descendants of a program, the best program, and the colour and ring of a node.
 */
import type { LineageEdge, LineageNode } from "./types";

/** In the pool after step `step`: born by then and not evicted by then. */
export function isAliveAt(node: LineageNode, step: number): boolean {
  return node.birthStep <= step && (node.evictedAtStep === null || node.evictedAtStep > step);
}

export function populationAt(nodes: readonly LineageNode[], step: number): number[] {
  return nodes.filter((n) => isAliveAt(n, step)).map((n) => n.id);
}

export interface Adjacency {
  parents: Map<number, number[]>;
  children: Map<number, number[]>;
}

export function buildAdjacency(edges: readonly LineageEdge[]): Adjacency {
  const parents = new Map<number, number[]>();
  const children = new Map<number, number[]>();
  for (const e of edges) {
    (parents.get(e.child) ?? parents.set(e.child, []).get(e.child)!).push(e.parent);
    (children.get(e.parent) ?? children.set(e.parent, []).get(e.parent)!).push(e.child);
  }
  return { parents, children };
}

function walk(start: number, next: Map<number, number[]>): Set<number> {
  const seen = new Set<number>();
  const stack = [...(next.get(start) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  return seen;
}

export function findAncestors(id: number, adjacency: Adjacency): Set<number> {
  return walk(id, adjacency.parents);
}

export function findDescendants(id: number, adjacency: Adjacency): Set<number> {
  return walk(id, adjacency.children);
}

/** The program with the highest μ − 3σ among those alive at `step` (all programs when step is null). */
export function findBest(nodes: readonly LineageNode[], step: number | null): number | null {
  let best: LineageNode | null = null;
  for (const n of nodes) {
    if (step !== null && !isAliveAt(n, step)) continue;
    if (!best || n.mu - 3 * n.sigma > best.mu - 3 * best.sigma) best = n;
  }
  return best?.id ?? null;
}

export type ColourBy = "mu" | "conservative";

export function colourValue(node: LineageNode, by: ColourBy): number {
  return by === "mu" ? node.mu : node.mu - 3 * node.sigma;
}

/** Min and max of the colour value and of σ over the nodes, for normalising. */
export function measureRanges(nodes: readonly LineageNode[], by: ColourBy) {
  let lo = Infinity;
  let hi = -Infinity;
  let sLo = Infinity;
  let sHi = -Infinity;
  for (const n of nodes) {
    const v = colourValue(n, by);
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
    sLo = Math.min(sLo, n.sigma);
    sHi = Math.max(sHi, n.sigma);
  }
  return { lo, hi, sLo, sHi };
}

// A perceptually ordered ramp (dark blue → teal → yellow), interpolated in RGB.
const RAMP: [number, number, number][] = [
  [49, 54, 149],
  [69, 117, 180],
  [116, 173, 209],
  [102, 189, 99],
  [254, 224, 79],
];

export function rampColour(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [RAMP[i]!, RAMP[i + 1]!];
  const c = a.map((v, k) => Math.round(v + (b[k]! - v) * f));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

export function normalise(v: number, lo: number, hi: number): number {
  return hi > lo ? (v - lo) / (hi - lo) : 0.5;
}

/** The smallest node diameter: at the fit's largest zoom (1.2) it is 24 px on screen, still readable. */
export const MIN_NODE_SIZE = 20;
const MAX_NODE_SIZE = 44;

/** Node diameter in graph units: grows with the square root of times selected, 20 to 44 (< LANE_GAP). */
export function nodeSize(timesSelected: number, maxSelected: number): number {
  if (maxSelected <= 0) return MIN_NODE_SIZE;
  return Math.round(
    MIN_NODE_SIZE + (MAX_NODE_SIZE - MIN_NODE_SIZE) * Math.sqrt(Math.max(0, timesSelected) / maxSelected),
  );
}

/** Ring width in px: thicker = more uncertain (larger σ), 1 to 6. */
export function ringWidth(sigma: number, sLo: number, sHi: number): number {
  return Math.round(1 + 5 * normalise(sigma, sLo, sHi));
}
