/**
 * Where the lineage graph opens. Fitting every program onto the screen made a run of hundreds of
 * programs a cloud of specks; so the whole graph is fitted only when its smallest node would still be
 * at least MIN_NODE_PX on screen. Otherwise the view fits the region that matters (the best program,
 * its line of descent and the top-rated programs) at a readable zoom, and the page offers "Show all".
 */

/** The smallest on-screen node diameter (px) the opening view allows. */
export const MIN_NODE_PX = 24;
/** The largest zoom a fit uses: a tiny run is not blown up beyond this. */
export const FIT_MAX_ZOOM = 1.2;
/** Screen px kept free around a fitted region. */
export const FIT_PADDING_PX = 32;

export interface Box {
  x: number;
  y: number;
  /** Diameter in graph units (nodes are circles centred on x, y). */
  size: number;
}

export interface Viewport {
  /** React Flow's transform: screen = graph × zoom + (x, y). */
  x: number;
  y: number;
  zoom: number;
}

export interface FitDecision {
  /** "all": the whole graph fits readably; "focus": the best region only (offer "Show all"). */
  mode: "all" | "focus";
  viewport: Viewport;
}

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** The box around every circle, or null for none. */
export function boundsOf(boxes: readonly Box[]): Bounds | null {
  if (boxes.length === 0) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const b of boxes) {
    const r = b.size / 2;
    minX = Math.min(minX, b.x - r);
    minY = Math.min(minY, b.y - r);
    maxX = Math.max(maxX, b.x + r);
    maxY = Math.max(maxY, b.y + r);
  }
  return { minX, minY, maxX, maxY };
}

/** The zoom at which `b` fills the screen less the padding (capped at FIT_MAX_ZOOM). */
function zoomToFit(b: Bounds, width: number, height: number): number {
  const w = Math.max(1, b.maxX - b.minX);
  const h = Math.max(1, b.maxY - b.minY);
  const availW = Math.max(1, width - 2 * FIT_PADDING_PX);
  const availH = Math.max(1, height - 2 * FIT_PADDING_PX);
  return Math.min(FIT_MAX_ZOOM, availW / w, availH / h);
}

/** The viewport that puts graph point (cx, cy) at the screen's centre at `zoom`. */
export function centreOn(cx: number, cy: number, zoom: number, width: number, height: number): Viewport {
  return { x: width / 2 - cx * zoom, y: height / 2 - cy * zoom, zoom };
}

/** The graph point at the screen's centre (what the URL keeps, independent of the window's size). */
export function centreOf(v: Viewport, width: number, height: number): { x: number; y: number } {
  return { x: (width / 2 - v.x) / v.zoom, y: (height / 2 - v.y) / v.zoom };
}

/** The viewport fitting every box (for "Show all"), whatever the node size then. */
export function fitAll(boxes: readonly Box[], width: number, height: number): Viewport {
  const b = boundsOf(boxes);
  if (!b) return { x: 0, y: 0, zoom: 1 };
  const zoom = zoomToFit(b, width, height);
  return centreOn((b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2, zoom, width, height);
}

/**
 * The opening view: `shown` are the nodes drawn at the replayed step, `focus` the best region (best
 * region, `best` the best program's box. The whole graph if its smallest node stays ≥ MIN_NODE_PX
 * on screen; else the focus region, fitted when that keeps nodes readable, or else at the readable
 * zoom centred on the best program (the rest of the region is a pan away).
 */
export function decideFit(
  shown: readonly Box[],
  focus: readonly Box[],
  best: Box | null,
  width: number,
  height: number,
): FitDecision {
  const all = boundsOf(shown);
  if (!all) return { mode: "all", viewport: { x: 0, y: 0, zoom: 1 } };
  const smallest = shown.reduce((m, b) => Math.min(m, b.size), Infinity);
  const readable = Math.min(FIT_MAX_ZOOM, MIN_NODE_PX / smallest);
  const allZoom = zoomToFit(all, width, height);
  if (allZoom * smallest >= MIN_NODE_PX - 1e-9 || allZoom >= readable)
    return { mode: "all", viewport: fitAll(shown, width, height) };
  const region = boundsOf(focus.length > 0 ? focus : best ? [best] : shown)!;
  const regionZoom = zoomToFit(region, width, height);
  if (regionZoom >= readable)
    return {
      mode: "focus",
      viewport: centreOn(
        (region.minX + region.maxX) / 2,
        (region.minY + region.maxY) / 2,
        regionZoom,
        width,
        height,
      ),
    };
  const anchor = best ?? focus[0] ?? shown[0]!;
  return { mode: "focus", viewport: centreOn(anchor.x, anchor.y, readable, width, height) };
}
