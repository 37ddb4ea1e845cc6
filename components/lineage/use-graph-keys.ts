"use client";
import { useReactFlow, useStore } from "@xyflow/react";
import { useEffect, type KeyboardEvent } from "react";
import { findNeighbour, isArrowKey, type NavPoint } from "@/lib/view/lineage/keyboard-nav";

/**
 * The graph's keys, on its one tab stop (the graph box): arrows move the active node to its nearest
 * neighbour that way (panning it into view), Enter or Space selects it, Escape clears the selection
 * and the hover card. Keys pressed on the zoom buttons or the minimap inside are left to them.
 */
export function useGraphKeys({
  points,
  current,
  onActive,
  onSelect,
  onClear,
}: {
  points: readonly NavPoint[];
  /** The active node (the selected or the best one until the keys move it). */
  current: number | null;
  onActive: (id: number) => void;
  onSelect: (id: number) => void;
  onClear: () => void;
}) {
  const flow = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  return (e: KeyboardEvent<HTMLElement>) => {
    if (e.target !== e.currentTarget) return;
    if (isArrowKey(e.key)) {
      e.preventDefault();
      // From the active node; when it is not drawn (unborn at the replayed step), onto the first one.
      const drawn = current !== null && points.some((p) => p.id === current);
      const next = drawn ? findNeighbour(points, current, e.key) : (points[0]?.id ?? null);
      if (next === null) return;
      onActive(next);
      revealNode(
        flow,
        points.find((p) => p.id === next)!,
        width,
        height,
      );
    } else if ((e.key === "Enter" || e.key === " ") && current !== null) {
      e.preventDefault();
      onSelect(current);
    } else if (e.key === "Escape") {
      onClear();
    }
  };
}

/** Pans (never zooms) so the node is in view, when it is not already well inside it. */
function revealNode(flow: ReturnType<typeof useReactFlow>, p: NavPoint, w: number, h: number) {
  const { x, y, zoom } = flow.getViewport();
  const sx = p.x * zoom + x;
  const sy = p.y * zoom + y;
  const margin = 48;
  if (sx > margin && sx < w - margin && sy > margin && sy < h - margin) return;
  void flow.setCenter(p.x, p.y, { zoom, duration: 200 });
}

/** Escape closes the hover card wherever the focus is (the pointer may hover without focusing). */
export function useEscapeCloses(open: boolean, close: () => void) {
  useEffect(() => {
    if (!open) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === "Escape") close();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open, close]);
}
