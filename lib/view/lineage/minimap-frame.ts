/**
 * The lineage minimap's geometry: which part of the graph it shows and how graph units map onto its
 * pixels. It frames every drawn program and the viewport, with a margin, as React Flow's own minimap
 * does, so the page's drawing (one canvas, lineage-minimap.tsx) and its viewport mask agree.
 */
import { boundsOf, type Box, type Viewport } from "./fit-view";

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface MinimapFrame {
  /** The graph rectangle shown (the SVG's viewBox). */
  view: Rect;
  /** Graph units per minimap pixel along the framed box's longer side (pans move by this). */
  unitsPerPx: number;
  /** Minimap pixel = graph × scale + offset: the viewBox letterboxed into the element, centred. */
  scale: number;
  offsetX: number;
  offsetY: number;
}

/** Margin around the framed box, in minimap pixels. */
const MARGIN_PX = 5;

/** The graph rectangle the screen shows for React Flow's viewport on a pane of width × height. */
export function viewportRect(v: Viewport, width: number, height: number): Rect {
  return { x: -v.x / v.zoom, y: -v.y / v.zoom, width: width / v.zoom, height: height / v.zoom };
}

/** Frames the drawn programs and the viewport `seen` in a minimap of `size` pixels. */
export function frameMinimap(
  drawn: readonly Box[],
  seen: Rect,
  size: { width: number; height: number },
): MinimapFrame {
  const b = boundsOf(drawn);
  const minX = Math.min(seen.x, b?.minX ?? Infinity);
  const minY = Math.min(seen.y, b?.minY ?? Infinity);
  const w = Math.max(seen.x + seen.width, b?.maxX ?? -Infinity) - minX;
  const h = Math.max(seen.y + seen.height, b?.maxY ?? -Infinity) - minY;
  const unitsPerPx = Math.max(w / size.width, h / size.height) || 1;
  const margin = MARGIN_PX * unitsPerPx;
  const viewW = unitsPerPx * size.width;
  const viewH = unitsPerPx * size.height;
  const view = {
    x: minX - (viewW - w) / 2 - margin,
    y: minY - (viewH - h) / 2 - margin,
    width: viewW + 2 * margin,
    height: viewH + 2 * margin,
  };
  // The SVG default (xMidYMid meet): the whole viewBox fits, centred along the spare axis.
  const scale = Math.min(size.width / view.width, size.height / view.height);
  return {
    view,
    unitsPerPx,
    scale,
    offsetX: (size.width - view.width * scale) / 2 - view.x * scale,
    offsetY: (size.height - view.height * scale) / 2 - view.y * scale,
  };
}
