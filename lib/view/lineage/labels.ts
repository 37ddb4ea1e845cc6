/**
 * Which lineage nodes carry a text label ("#12 μ 25.31"): the selected program, the best one,
 * the keyboard's active one, the top-k by μ − 3σ and the best program's line of descent, in that order of priority. Labels keep one
 * on-screen size whatever the zoom, so when zoomed far out they would pile up; placeLabels then keeps
 * the higher-priority ones that do not overlap (the best program's label always stays).
 */
import { colourValue, isAliveAt, type ColourBy } from "./graph";
import type { LineageEdge, LineageNode } from "./types";

/** Programs labelled for their rating, besides the best program and its line. */
export const TOP_LABELLED = 10;
/** A label's on-screen height and the px per character of its 11 px text (for overlap tests). */
export const LABEL_HEIGHT_PX = 16;
const LABEL_CHAR_PX = 6.4;
const LABEL_PAD_PX = 8;
const LABEL_GAP_PX = 2;

export type LabelReason = "selected" | "active" | "best" | "top" | "path";

export interface LabelCandidate {
  id: number;
  reason: LabelReason;
  text: string;
  x: number;
  y: number;
  /** The node's diameter in graph units (the label sits under it). */
  size: number;
}

/**
 * The best program's line of descent: its first parent (the mutated program, or a crossover's Set A),
 * that one's first parent, and so on up to the root. A single line, where the highlighted ancestors of
 * a crossover-heavy run are most of the graph.
 */
export function findMainLine(best: number, edges: readonly LineageEdge[]): number[] {
  const firstParent = new Map<number, { parent: number; order: number }>();
  for (const e of edges) {
    const had = firstParent.get(e.child);
    if (!had || e.order < had.order) firstParent.set(e.child, { parent: e.parent, order: e.order });
  }
  const line: number[] = [];
  const seen = new Set<number>([best]);
  let at = firstParent.get(best)?.parent;
  while (at !== undefined && !seen.has(at)) {
    seen.add(at);
    line.push(at);
    at = firstParent.get(at)?.parent;
  }
  return line;
}

export function labelText(node: LineageNode, by: ColourBy): string {
  return `#${node.id} ${by === "mu" ? "μ" : "μ−3σ"} ${colourValue(node, by).toFixed(2)}`;
}

/**
 * The label candidates in priority order, each program once, among those drawn at `step` (born by
 * then). Top-k ranks the programs in the pool at the step by μ − 3σ (ties: lower id first).
 */
export function chooseLabels(
  nodes: readonly LineageNode[],
  place: (id: number) => { x: number; y: number; size: number } | undefined,
  opts: {
    step: number;
    colourBy: ColourBy;
    selected: number | null;
    /** The node the keyboard is on (labelled so a keyboard user sees where the arrows went). */
    active?: number | null;
    best: number | null;
    mainLine: readonly number[];
    top?: number;
  },
): LabelCandidate[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out: LabelCandidate[] = [];
  const taken = new Set<number>();
  const add = (id: number | null, reason: LabelReason) => {
    if (id === null || taken.has(id)) return;
    const n = byId.get(id);
    const p = place(id);
    if (!n || !p || n.birthStep > opts.step) return;
    taken.add(id);
    out.push({ id, reason, text: labelText(n, opts.colourBy), ...p });
  };
  add(opts.selected, "selected");
  add(opts.best, "best");
  add(opts.active ?? null, "active");
  const ranked = nodes
    .filter((n) => isAliveAt(n, opts.step))
    .sort((a, b) => b.mu - 3 * b.sigma - (a.mu - 3 * a.sigma) || a.id - b.id);
  for (const n of ranked.slice(0, opts.top ?? TOP_LABELLED)) add(n.id, "top");
  for (const id of opts.mainLine) add(id, "path");
  return out;
}

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The label's on-screen rectangle at `zoom` (centred under its node), in screen px from the origin. */
export function labelRect(c: LabelCandidate, zoom: number): Rect {
  const width = c.text.length * LABEL_CHAR_PX + LABEL_PAD_PX;
  const top = (c.y + c.size / 2) * zoom + LABEL_GAP_PX;
  const cx = c.x * zoom;
  return { left: cx - width / 2, top, right: cx + width / 2, bottom: top + LABEL_HEIGHT_PX };
}

const overlaps = (a: Rect, b: Rect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * The candidates whose labels can be drawn at `zoom` without overlapping a higher-priority one; the
 * selected, the active and the best program keep theirs regardless. O(k²) over the few dozen candidates, cheap
 * enough to rerun on every zoom.
 */
export function placeLabels(candidates: readonly LabelCandidate[], zoom: number): LabelCandidate[] {
  const kept: LabelCandidate[] = [];
  const rects: Rect[] = [];
  for (const c of candidates) {
    const r = labelRect(c, zoom);
    const always = c.reason === "selected" || c.reason === "active" || c.reason === "best";
    if (!always && rects.some((o) => overlaps(o, r))) continue;
    kept.push(c);
    rects.push(r);
  }
  return kept;
}
