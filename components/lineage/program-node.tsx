"use client";
import { Handle, Position, type Node, type NodeHandle, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { NodeDisplay } from "@/lib/view/lineage/prepare-flow";

export type ProgramFlowNode = Node<{ display: NodeDisplay; label: string }, "program">;

// Theme variables, not literals: under html.dark the palette is inverted, so these follow the theme.
const EMPHASIS_RING: Record<NodeDisplay["emphasis"], string> = {
  selected: "0 0 0 3px var(--color-sky-600)",
  related: "0 0 0 2px var(--color-sky-400)",
  best: "0 0 0 3px var(--color-amber-500)",
  path: "0 0 0 2px var(--color-amber-400)",
  match: "0 0 0 3px var(--color-pink-600)",
  dim: "none",
  none: "none",
};

// React Flow's handle is 6 px, centred on the node's top (target) and bottom (source) edge.
const HANDLE_PX = 6;

/**
 * Where the two handles below sit, handed to React Flow with the node: its edges are then drawn in the
 * first render, and a large graph renders only the nodes in view. Without them React Flow renders every
 * node once to measure its handles (1,000 nodes, then drops those out of view).
 */
export function placeHandles(size: number): NodeHandle[] {
  const x = size / 2 - HANDLE_PX / 2;
  const box = { x, width: HANDLE_PX, height: HANDLE_PX };
  return [
    { type: "target", position: Position.Top, y: -HANDLE_PX / 2, ...box },
    { type: "source", position: Position.Bottom, y: size - HANDLE_PX / 2, ...box },
  ];
}

/** The DOM id of a node's circle, for the graph's aria-activedescendant. */
export const programNodeDomId = (id: number) => `lineage-program-${id}`;

/** One program: fill = μ (or μ − 3σ), ring width = σ, size = times selected; evicted ones are ghosts. */
function ProgramNodeView({ data }: NodeProps<ProgramFlowNode>) {
  const d = data.display;
  const ghost = d.state === "ghost";
  return (
    <div
      id={programNodeDomId(d.id)}
      role="img"
      aria-label={data.label}
      data-testid={`lineage-node-${d.id}`}
      data-state={d.state}
      data-emphasis={d.emphasis}
      data-active={d.active || undefined}
      title={data.label}
      style={{
        width: d.size,
        height: d.size,
        borderRadius: "9999px",
        background: ghost ? "transparent" : d.colour,
        border: `${d.ring}px ${ghost ? "dashed" : "solid"} ${ghost ? d.colour : "var(--color-slate-800)"}`,
        // The keyboard's node is never dimmed: its focus outline must stay visible.
        opacity: d.emphasis === "dim" && !d.active ? 0.2 : ghost ? 0.55 : 1,
        boxShadow: EMPHASIS_RING[d.emphasis],
        cursor: "pointer",
      }}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} style={{ opacity: 0 }} />
      <Handle type="source" position={Position.Bottom} isConnectable={false} style={{ opacity: 0 }} />
    </div>
  );
}

export const ProgramNode = memo(ProgramNodeView);
