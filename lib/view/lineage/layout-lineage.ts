/**
 * The lineage graph's layout: layers by birth step (top to bottom, one layer per distinct birth step)
 * and lanes across. A program takes the free lane nearest its first parent's (so a line of mutations
 * runs straight down), and holds it until it is evicted, so no two programs alive at once share a lane
 * and the graph's width at a layer is about the population then. O(nodes × lanes + edges).
 *
 * Why not dagre: its dummy nodes for edges that span many layers (a parent kept in the pool for 50
 * steps) made a 1,000-program, 1,500-edge run take about 20 s to lay out; this takes milliseconds.
 */
import type { LineageEdge, LineageNode } from "./types";

export const LANE_GAP = 56;
export const LAYER_GAP = 64;

export interface PlacedNode {
  id: number;
  lane: number;
  layer: number;
  x: number;
  y: number;
}

export interface LineageLayout {
  positions: Map<number, PlacedNode>;
  lanes: number;
  layers: number;
  /** The distinct birth steps, in layer order. */
  layerSteps: number[];
}

/** Index of the last layer whose birth step is ≤ step (−1 when before every layer). */
function layerAtOrBefore(layerSteps: readonly number[], step: number): number {
  let lo = 0;
  let hi = layerSteps.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (layerSteps[mid]! <= step) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function layoutLineage(nodes: readonly LineageNode[], edges: readonly LineageEdge[]): LineageLayout {
  const layerSteps = [...new Set(nodes.map((n) => n.birthStep))].sort((a, b) => a - b);
  const layerOf = new Map(layerSteps.map((s, i) => [s, i]));
  const known = new Set(nodes.map((n) => n.id));
  const firstParent = new Map<number, number>();
  for (const e of [...edges].sort((a, b) => a.order - b.order)) {
    if (!known.has(e.child) || !known.has(e.parent)) continue;
    if (!firstParent.has(e.child)) firstParent.set(e.child, e.parent);
  }
  const order = [...nodes].sort((a, b) => a.birthStep - b.birthStep || a.id - b.id);
  // laneFreeAfter[l]: the last layer lane l is held through (Infinity while its program is in the pool).
  const laneFreeAfter: number[] = [];
  const positions = new Map<number, PlacedNode>();
  for (const n of order) {
    const layer = layerOf.get(n.birthStep)!;
    const parent = firstParent.get(n.id);
    const preferred = parent !== undefined ? (positions.get(parent)?.lane ?? 0) : 0;
    let lane = -1;
    for (let d = 0; d <= laneFreeAfter.length; d++) {
      for (const candidate of d === 0 ? [preferred] : [preferred - d, preferred + d]) {
        if (candidate >= 0 && candidate < laneFreeAfter.length && laneFreeAfter[candidate]! < layer) {
          lane = candidate;
          break;
        }
      }
      if (lane >= 0) break;
    }
    if (lane < 0) lane = laneFreeAfter.length;
    // Evicted at step s: gone from the layer of s on (the child that displaced it may take the lane).
    const lastAlive =
      n.evictedAtStep === null ? Number.POSITIVE_INFINITY : layerAtOrBefore(layerSteps, n.evictedAtStep) - 1;
    laneFreeAfter[lane] = Math.max(lastAlive, layer);
    positions.set(n.id, { id: n.id, lane, layer, x: lane * LANE_GAP, y: layer * LAYER_GAP });
  }
  return { positions, lanes: laneFreeAfter.length, layers: layerSteps.length, layerSteps };
}
