"use client";
import { Panel, useReactFlow, useStore } from "@xyflow/react";
import { useEffect, useMemo, useRef, type CSSProperties, type PointerEvent } from "react";
import { frameMinimap, viewportRect } from "@/lib/view/lineage/minimap-frame";
import type { NodeDisplay } from "@/lib/view/lineage/prepare-flow";

const SIZE = { width: 200, height: 150 };
// Theme variables, so the minimap follows html.dark's inverted palette.
const MINIMAP_THEME = {
  "--xy-minimap-background-color-props": "var(--color-white)",
  "--xy-minimap-mask-background-color-props": "color-mix(in oklab, var(--color-slate-300) 55%, transparent)",
} as CSSProperties;
/** The smallest dot radius, in CSS px. */
const MIN_DOT_PX = 1.5;
/** Wheel delta (px) that doubles or halves the zoom. */
const WHEEL_PX_PER_DOUBLING = 500;

/**
 * The graph's overview: every drawn program on one canvas, the viewport as a window in a mask, and
 * drag / wheel to pan and zoom. React Flow's MiniMap keeps one subscribed component and one SVG element
 * per node; at 1,000 programs those made up a large part of the graph's first render, and every store
 * change (each pan frame) re-ran 1,000 selectors. Here a change costs a redraw of one canvas.
 */
export function LineageMinimap({ drawn }: { drawn: readonly NodeDisplay[] }) {
  const flow = useReactFlow();
  const tx = useStore((s) => s.transform[0]);
  const ty = useStore((s) => s.transform[1]);
  const zoom = useStore((s) => s.transform[2]);
  const paneWidth = useStore((s) => s.width);
  const paneHeight = useStore((s) => s.height);
  const seen = useMemo(
    () => viewportRect({ x: tx, y: ty, zoom }, paneWidth, paneHeight),
    [tx, ty, zoom, paneWidth, paneHeight],
  );
  const frame = useMemo(() => frameMinimap(drawn, seen, SIZE), [drawn, seen]);
  const canvas = useRef<HTMLCanvasElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const frameRef = useRef(frame);
  const drag = useRef<{ x: number; y: number } | null>(null);

  useEffect(() => {
    frameRef.current = frame;
    const el = canvas.current;
    const ctx = el?.getContext("2d");
    if (!el || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    el.width = SIZE.width * dpr;
    el.height = SIZE.height * dpr;
    // Drawn in pixels, not graph units: a long run's graph is tens of thousands of units tall, where a
    // node would shrink below a pixel and vanish; every program keeps at least a visible dot.
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    for (const d of drawn) {
      // Ghosts (evicted programs) faint, as in the graph.
      ctx.globalAlpha = d.state === "ghost" ? 0.35 : 1;
      ctx.fillStyle = d.colour;
      ctx.beginPath();
      const r = Math.max(MIN_DOT_PX, (d.size / 2) * frame.scale);
      ctx.arc(d.x * frame.scale + frame.offsetX, d.y * frame.scale + frame.offsetY, r, 0, 2 * Math.PI);
      ctx.fill();
    }
  }, [drawn, frame]);

  // A wheel over the minimap zooms the graph (and must not scroll the page, so not a passive listener).
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const px = e.deltaY * (e.deltaMode === 1 ? 40 : e.deltaMode === 2 ? 800 : 1);
      void flow.zoomTo(flow.getZoom() * Math.pow(2, -px / WHEEL_PX_PER_DOUBLING));
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, [flow]);

  // Dragging moves the viewport's window with the pointer.
  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, y: e.clientY };
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    if (!drag.current) return;
    const units = 1 / frameRef.current.scale;
    const v = flow.getViewport();
    void flow.setViewport({
      x: v.x - (e.clientX - drag.current.x) * units * v.zoom,
      y: v.y - (e.clientY - drag.current.y) * units * v.zoom,
      zoom: v.zoom,
    });
    drag.current = { x: e.clientX, y: e.clientY };
  };
  const endDrag = () => {
    drag.current = null;
  };

  const { view } = frame;
  const m = 2 * frame.unitsPerPx;
  return (
    <Panel
      position="bottom-right"
      className="react-flow__minimap"
      data-testid="lineage-minimap"
      style={MINIMAP_THEME}
    >
      <canvas
        ref={canvas}
        data-programs={drawn.length}
        style={{ position: "absolute", inset: 0, width: SIZE.width, height: SIZE.height }}
      />
      <svg
        ref={svg}
        width={SIZE.width}
        height={SIZE.height}
        viewBox={`${view.x} ${view.y} ${view.width} ${view.height}`}
        className="react-flow__minimap-svg"
        style={{ position: "relative", cursor: "grab", touchAction: "none" }}
        role="img"
        aria-label={`Overview of ${drawn.length} programs; the clear window is the part in view`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
      >
        <path
          className="react-flow__minimap-mask"
          d={`M${view.x - m},${view.y - m}h${view.width + 2 * m}v${view.height + 2 * m}h${-view.width - 2 * m}z
            M${seen.x},${seen.y}h${seen.width}v${seen.height}h${-seen.width}z`}
          fillRule="evenodd"
          pointerEvents="none"
        />
      </svg>
    </Panel>
  );
}
