"use client";
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { NodeDisplay } from "@/lib/lineage/prepare-flow";

export type ProgramFlowNode = Node<{ display: NodeDisplay; label: string }, "program">;

const EMPHASIS_RING: Record<NodeDisplay["emphasis"], string> = {
  selected: "0 0 0 3px #0284c7",
  related: "0 0 0 2px #38bdf8",
  best: "0 0 0 3px #f59e0b",
  path: "0 0 0 2px #fbbf24",
  match: "0 0 0 3px #db2777",
  dim: "none",
  none: "none",
};

/** One program: fill = μ (or μ − 3σ), ring width = σ, size = times selected; evicted ones are ghosts. */
function ProgramNodeView({ data }: NodeProps<ProgramFlowNode>) {
  const d = data.display;
  const ghost = d.state === "ghost";
  return (
    <div
      data-testid={`lineage-node-${d.id}`}
      data-state={d.state}
      data-emphasis={d.emphasis}
      title={data.label}
      style={{
        width: d.size,
        height: d.size,
        borderRadius: "9999px",
        background: ghost ? "transparent" : d.colour,
        border: `${d.ring}px ${ghost ? "dashed" : "solid"} ${ghost ? d.colour : "#1e293b"}`,
        opacity: d.emphasis === "dim" ? 0.2 : ghost ? 0.55 : 1,
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
