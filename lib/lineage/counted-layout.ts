/**
 * layoutLineage with a counter and a timer, so the page can show (and tests and the paint benchmark can
 * read, from data attributes) how often and how long the layout ran. The view memoises the layout on the
 * graph data alone: hovering or selecting must leave the count at 1.
 */
import { layoutLineage, type LineageLayout } from "./layout-lineage";
import type { LineageEdge, LineageNode } from "./types";

let runs = 0;

export function layoutCounted(
  nodes: readonly LineageNode[],
  edges: readonly LineageEdge[],
): { layout: LineageLayout; ms: number; run: number } {
  const start = performance.now();
  const layout = layoutLineage(nodes, edges);
  runs += 1;
  // Lets the paint benchmark split page load (hydration) from graph rendering.
  if (typeof performance.mark === "function") performance.mark("lineage-layout-done");
  return { layout, ms: performance.now() - start, run: runs };
}
