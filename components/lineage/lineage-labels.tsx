"use client";
import { useStore, ViewportPortal } from "@xyflow/react";
import { useMemo } from "react";
import { placeLabels, type LabelCandidate, type LabelReason } from "@/lib/view/lineage/labels";

const BORDER: Record<LabelReason, string> = {
  selected: "border-sky-600",
  active: "border-sky-600 border-dashed",
  best: "border-amber-500",
  top: "border-slate-400",
  path: "border-amber-300",
};

/**
 * The node labels, drawn in graph coordinates under their nodes but scaled by 1/zoom so the text stays
 * 11 px on screen at every zoom; which ones fit without overlapping is rechecked as the zoom changes
 * (lib/view/lineage/labels.ts). Apart from the nodes, so a zoom never re-renders 1,000 nodes.
 */
export function LineageLabels({ candidates }: { candidates: readonly LabelCandidate[] }) {
  const zoom = useStore((s) => s.transform[2]);
  // Labels are re-placed at zoom steps of ~5 %, not on every wheel tick.
  const bucket = Math.round(Math.log(zoom) / Math.log(1.05));
  const kept = useMemo(() => placeLabels(candidates, Math.pow(1.05, bucket)), [candidates, bucket]);
  return (
    <ViewportPortal>
      {kept.map((c) => (
        <div
          key={c.id}
          data-testid={`lineage-label-${c.id}`}
          data-reason={c.reason}
          className={`pointer-events-none absolute rounded border bg-white px-1 font-mono text-[11px] leading-[14px] whitespace-nowrap text-slate-900 ${BORDER[c.reason]}`}
          style={{
            left: c.x,
            top: c.y + c.size / 2 + 2 / zoom,
            transform: `translateX(-50%) scale(${1 / zoom})`,
            transformOrigin: "top center",
            zIndex: 10,
          }}
        >
          {c.text}
        </div>
      ))}
    </ViewportPortal>
  );
}
