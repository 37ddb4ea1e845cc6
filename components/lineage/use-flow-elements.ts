"use client";
import type { Edge } from "@xyflow/react";
import { useMemo } from "react";
import type { EdgeDisplay, NodeDisplay } from "@/lib/view/lineage/prepare-flow";
import type { LineageNode } from "@/lib/view/lineage/types";
import { placeHandles, type ProgramFlowNode } from "./program-node";

/** React Flow's nodes and edges for a prepared display (prepare-flow.ts): positions, labels, styles. */
export function useFlowElements(
  display: { nodes: NodeDisplay[]; edges: EdgeDisplay[] },
  byId: ReadonlyMap<number, LineageNode>,
) {
  const nodes = useMemo(
    (): ProgramFlowNode[] =>
      display.nodes.map((d) => {
        const n = byId.get(d.id)!;
        return {
          id: String(d.id),
          type: "program",
          position: { x: d.x - d.size / 2, y: d.y - d.size / 2 },
          width: d.size,
          height: d.size,
          handles: placeHandles(d.size),
          hidden: d.state === "hidden",
          data: {
            display: d,
            label: `#${n.id} ${n.origin} · born ${n.birthStep} · μ ${n.mu.toFixed(2)} σ ${n.sigma.toFixed(2)}${n.preview ? ` · ${n.preview}` : ""}`,
          },
        };
      }),
    [display.nodes, byId],
  );
  const edges = useMemo(
    (): Edge[] =>
      display.edges.map((e) => ({
        id: e.id,
        source: String(e.parent),
        target: String(e.child),
        hidden: e.hidden,
        focusable: false,
        data: { kind: e.kind },
        className: `lineage-edge-${e.kind}`,
        style: {
          stroke: e.emphasised ? "var(--color-sky-600)" : "var(--color-slate-400)",
          strokeWidth: e.emphasised ? 2.5 : 1.2,
          strokeDasharray: e.kind === "crossover" ? "6 4" : undefined,
          opacity: e.dim ? 0.15 : 1,
        },
      })),
    [display.edges],
  );
  return { nodes, edges };
}
