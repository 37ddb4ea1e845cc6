/**
 * Turns the memoised layout plus the view state (replay step, colour, selection, highlights) into the
 * per-node and per-edge display props. Pure and cheap (O(nodes + edges)), so hover and selection only
 * rerun this, never the layout.
 */
import {
  colourValue,
  isAliveAt,
  measureRanges,
  nodeSize,
  normalise,
  rampColour,
  ringWidth,
  type ColourBy,
} from "./graph";
import type { LineageLayout } from "./layout-lineage";
import type { LineageEdge, LineageNode } from "./types";

export type NodeState = "alive" | "ghost" | "hidden";
export type Emphasis = "selected" | "related" | "best" | "path" | "match" | "dim" | "none";

export interface NodeDisplay {
  id: number;
  x: number;
  y: number;
  size: number;
  colour: string;
  ring: number;
  state: NodeState;
  emphasis: Emphasis;
  /** The node keyboard focus is on (the graph's one tab stop). */
  active: boolean;
}

export interface EdgeDisplay {
  id: string;
  parent: number;
  child: number;
  kind: LineageEdge["kind"];
  hidden: boolean;
  emphasised: boolean;
  dim: boolean;
}

export interface FlowState {
  /** Replay step: the population as it was after this step. */
  step: number;
  colourBy: ColourBy;
  selected: number | null;
  /** Ancestors and descendants of the selected program. */
  related: ReadonlySet<number>;
  best: number | null;
  /** The best program's ancestors (highlighted when showBestPath). */
  bestPath: ReadonlySet<number>;
  showBestPath: boolean;
  matches: ReadonlySet<number>;
  /** The node that holds the keyboard focus (null: none yet). */
  active?: number | null;
}

export function prepareFlow(
  nodes: readonly LineageNode[],
  edges: readonly LineageEdge[],
  layout: LineageLayout,
  state: FlowState,
): { nodes: NodeDisplay[]; edges: EdgeDisplay[] } {
  const { lo, hi, sLo, sHi } = measureRanges(nodes, state.colourBy);
  const maxSelected = nodes.reduce((m, n) => Math.max(m, n.timesSelected), 0);
  const focus = state.selected !== null;
  const stateOf = new Map<number, NodeState>();
  const emphasisOf = new Map<number, Emphasis>();
  const shown: NodeDisplay[] = nodes.map((n) => {
    const p = layout.positions.get(n.id)!;
    const nodeState: NodeState =
      n.birthStep > state.step ? "hidden" : isAliveAt(n, state.step) ? "alive" : "ghost";
    let emphasis: Emphasis = "none";
    if (n.id === state.selected) emphasis = "selected";
    else if (focus) emphasis = state.related.has(n.id) ? "related" : "dim";
    else if (state.matches.size > 0) emphasis = state.matches.has(n.id) ? "match" : "dim";
    else if (state.showBestPath && n.id === state.best) emphasis = "best";
    else if (state.showBestPath && state.bestPath.has(n.id)) emphasis = "path";
    stateOf.set(n.id, nodeState);
    emphasisOf.set(n.id, emphasis);
    return {
      id: n.id,
      x: p.x,
      y: p.y,
      size: nodeSize(n.timesSelected, maxSelected),
      colour: rampColour(normalise(colourValue(n, state.colourBy), lo, hi)),
      ring: ringWidth(n.sigma, sLo, sHi),
      state: nodeState,
      emphasis,
      active: n.id === state.active,
    };
  });
  const onPath = (id: number) => {
    const e = emphasisOf.get(id);
    return e === "selected" || e === "related" || e === "best" || e === "path";
  };
  const shownEdges: EdgeDisplay[] = edges.map((e) => {
    const hidden = stateOf.get(e.parent) === "hidden" || stateOf.get(e.child) === "hidden";
    const emphasised = onPath(e.parent) && onPath(e.child);
    const dim = (focus || state.matches.size > 0) && !emphasised;
    return {
      id: `${e.parent}-${e.child}`,
      parent: e.parent,
      child: e.child,
      kind: e.kind,
      hidden,
      emphasised,
      dim,
    };
  });
  return { nodes: shown, edges: shownEdges };
}
