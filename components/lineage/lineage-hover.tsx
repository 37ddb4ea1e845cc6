import type { LineageNode } from "@/lib/view/lineage/types";

/**
 * The hovered program's summary over the graph, as of the replayed step `step`: its ratings then, and
 * its eviction only once it had happened.
 */
export function LineageHover({ node, step }: { node: LineageNode; step: number }) {
  return (
    <div
      data-testid="lineage-hover"
      className="pointer-events-none absolute top-2 left-2 max-w-md rounded bg-white/90 p-2 text-xs shadow"
    >
      #{node.id} {node.origin}, born {node.birthStep}
      {node.evictedAtStep !== null && node.evictedAtStep <= step ? `, evicted ${node.evictedAtStep}` : ""} · μ{" "}
      {node.mu.toFixed(2)} · σ {node.sigma.toFixed(2)} · selected {node.timesSelected}×
      {node.preview && <span className="block text-slate-500">{node.preview}</span>}
    </div>
  );
}
