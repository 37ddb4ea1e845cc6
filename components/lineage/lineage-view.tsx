"use client";
import "@xyflow/react/dist/style.css";
import { Background, Controls, ReactFlow, ReactFlowProvider } from "@xyflow/react";
import { useCallback, useMemo, useState, useSyncExternalStore, type CSSProperties } from "react";
import { layoutCounted } from "@/lib/view/lineage/counted-layout";
import {
  buildAdjacency,
  findAncestors,
  findBest,
  findDescendants,
  type ColourBy,
} from "@/lib/view/lineage/graph";
import { chooseLabels, findMainLine } from "@/lib/view/lineage/labels";
import { prepareFlow } from "@/lib/view/lineage/prepare-flow";
import type { RunLineage } from "@/lib/view/lineage/types";
import type { LineageUrlViewport } from "@/lib/view/lineage/url-state";
import { replayNodes } from "@/lib/view/lineage/replay";
import { useLineageSearch } from "@/lib/client/use-lineage-queries";
import { useFollowLatest } from "@/lib/client/live/use-follow-latest";
import { useLiveLineage } from "@/lib/client/live/use-live-views";
import { useRatingsAt } from "@/lib/client/use-ratings-at";
import { LineageHover } from "./lineage-hover";
import { LineageLabels } from "./lineage-labels";
import { LineageLegend } from "./lineage-legend";
import { LineageMinimap } from "./lineage-minimap";
import { LineageSearchResults } from "./lineage-search-results";
import { LineageToolbar } from "./lineage-toolbar";
import { NodePanel } from "./node-panel";
import { programNodeDomId, ProgramNode } from "./program-node";
import { useFlowElements } from "./use-flow-elements";
import { useEscapeCloses, useGraphKeys } from "./use-graph-keys";
import { useLineageUrl, useWriteLineageUrl } from "./use-lineage-url";
import { useOpeningView } from "./use-opening-view";
import { ViewButtons } from "./view-buttons";

const NODE_TYPES = { program: ProgramNode };
const EMPTY = new Set<number>();
// Theme variables for React Flow's own chrome (controls, dots), so it follows html.dark too.
const FLOW_THEME = {
  "--xy-controls-button-background-color": "var(--color-white)",
  "--xy-controls-button-background-color-hover": "var(--color-slate-100)",
  "--xy-controls-button-color": "var(--color-slate-700)",
  "--xy-controls-button-color-hover": "var(--color-slate-900)",
  "--xy-controls-button-border-color": "var(--color-slate-200)",
  "--xy-background-pattern-dots-color": "var(--color-slate-300)",
} as CSSProperties;

function LineageCanvas({ lineage }: { lineage: RunLineage }) {
  const { nodes, edges, runId } = lineage;
  const lastStep = lineage.lastStep ?? -1;
  const ids = useMemo(() => new Set(nodes.map((n) => n.id)), [nodes]);
  const url = useLineageUrl({ lastStep, hasProgram: (id) => ids.has(id) });
  const [step, setStep] = useFollowLatest(lastStep, url.step ?? lastStep);
  const [colourBy, setColourBy] = useState<ColourBy>("mu");
  const [selected, setSelected] = useState<number | null>(url.program);
  const [active, setActive] = useState<number | null>(url.program);
  const [hovered, setHovered] = useState<number | null>(null);
  const [viewport, setViewport] = useState<LineageUrlViewport | null>(url.viewport);
  const [showBestPath, setShowBestPath] = useState(true);
  const [searchInput, setSearchInput] = useState("");
  const [searchText, setSearchText] = useState("");
  const [searchNote, setSearchNote] = useState<string | null>(null);
  useWriteLineageUrl({ program: selected, step, viewport }, lastStep);

  // The layout depends on the graph data only: hover, selection, colour and replay never rerun it.
  const { layout, ms, run } = useMemo(() => layoutCounted(nodes, edges), [nodes, edges]);
  const adjacency = useMemo(() => buildAdjacency(edges), [edges]);
  // Scrubbed back, every rating (colours, sizes, best, labels) is the one as of that step.
  const replay = useRatingsAt(runId, step, lastStep);
  const rated = useMemo(() => replayNodes(nodes, replay.at), [nodes, replay.at]);
  const byId = useMemo(() => new Map(rated.map((n) => [n.id, n])), [rated]);
  const best = useMemo(() => findBest(rated, step), [rated, step]);
  const bestPath = useMemo(() => (best === null ? EMPTY : findAncestors(best, adjacency)), [best, adjacency]);
  const mainLine = useMemo(() => (best === null ? [] : findMainLine(best, edges)), [best, edges]);
  const related = useMemo(
    () =>
      selected === null
        ? EMPTY
        : new Set([...findAncestors(selected, adjacency), ...findDescendants(selected, adjacency)]),
    [selected, adjacency],
  );
  const search = useLineageSearch(runId, searchText);
  const matches = useMemo(() => new Set(search.data?.ids ?? []), [search.data]);
  // The keyboard's node: where the arrows last went, else the selected or the best program.
  const current = active ?? selected ?? best;

  const display = useMemo(
    () =>
      prepareFlow(rated, edges, layout, {
        step,
        colourBy,
        selected,
        related,
        best,
        bestPath,
        showBestPath,
        matches,
        active: current,
      }),
    [rated, edges, layout, step, colourBy, selected, related, best, bestPath, showBestPath, matches, current],
  );
  const flowElements = useFlowElements(display, byId);
  const drawn = useMemo(() => display.nodes.filter((n) => n.state !== "hidden"), [display.nodes]);
  const sizeOf = useMemo(() => new Map(drawn.map((n) => [n.id, n])), [drawn]);
  const labels = useMemo(
    () => chooseLabels(rated, (id) => sizeOf.get(id), { step, colourBy, selected, active, best, mainLine }),
    [rated, sizeOf, step, colourBy, selected, active, best, mainLine],
  );
  const alive = drawn.filter((n) => n.state === "alive").length;
  // A large graph renders only what is in view (the minimap shows the whole).
  const large = nodes.length > LARGE_GRAPH;
  const { opening, measure, fit, showAll, centreProgram, toUrl } = useOpeningView({
    urlViewport: url.viewport,
    drawn,
    focus: labels,
    best: best === null ? null : (sizeOf.get(best) ?? null),
  });

  const hoveredNode = hovered === null ? null : byId.get(hovered);
  const closeHover = useCallback(() => setHovered(null), []);
  useEscapeCloses(hoveredNode != null, closeHover);
  const onKeyDown = useGraphKeys({
    points: drawn,
    current,
    onActive: setActive,
    onSelect: setSelected,
    onClear: () => {
      setSelected(null);
      setActive(null);
      setHovered(null);
    },
  });
  const replayNote = replay.error
    ? `Ratings at step ${step} could not be loaded: ${replay.error.message}`
    : replay.pending
      ? `Loading ratings at step ${step}…`
      : null;

  function focusOn(id: number) {
    const p = layout.positions.get(id);
    if (!p) return;
    setSelected(id);
    setActive(id);
    if (byId.get(id)!.birthStep > step) setStep(lastStep);
    centreProgram(p);
  }

  function zoomToBest() {
    const p = best === null ? undefined : layout.positions.get(best);
    if (!p) return;
    setActive(best);
    centreProgram(p);
  }

  function submitSearch(text: string) {
    const t = text.trim();
    setSearchNote(null);
    const asId = /^#?(\d+)$/.exec(t);
    if (asId) {
      const id = Number(asId[1]);
      setSearchText("");
      if (byId.has(id)) focusOn(id);
      else setSearchNote(`No program #${id} in this run.`);
      return;
    }
    setSelected(null);
    setSearchText(t);
  }

  const currentNode = current === null ? undefined : byId.get(current);
  return (
    <div className="flex flex-col gap-3">
      <LineageToolbar
        searchInput={searchInput}
        searchText={searchText}
        onSearchInput={setSearchInput}
        onSearch={submitSearch}
        onClearSearch={() => {
          setSearchText("");
          setSearchInput("");
        }}
        colourBy={colourBy}
        onColourBy={setColourBy}
        showBestPath={showBestPath}
        onShowBestPath={setShowBestPath}
        best={best}
        step={step}
        lastStep={lastStep}
        onStep={setStep}
        alive={alive}
        replayNote={replayNote}
      />
      <LineageSearchResults
        note={searchNote ?? search.error?.message ?? null}
        ids={search.data?.ids ?? null}
        text={searchText}
        onFocus={focusOn}
      />
      <div className="flex gap-3" style={{ height: "72vh" }}>
        <div
          ref={measure}
          data-testid="lineage-graph"
          data-layout-count={run}
          data-layout-ms={ms.toFixed(1)}
          data-nodes={nodes.length}
          data-edges={edges.length}
          data-fit={fit}
          role="group"
          aria-label={`Lineage graph of ${nodes.length} programs. Arrow keys move between programs, Enter selects, Escape clears.`}
          aria-activedescendant={
            current !== null && sizeOf.has(current) ? programNodeDomId(current) : undefined
          }
          tabIndex={0}
          onKeyDown={onKeyDown}
          onMouseLeave={closeHover}
          style={FLOW_THEME}
          className="relative grow rounded-lg border border-slate-200 bg-white outline-none focus-visible:ring-2 focus-visible:ring-sky-600 [&:focus-visible_[data-active]]:outline-3 [&:focus-visible_[data-active]]:outline-offset-4 [&:focus-visible_[data-active]]:outline-sky-600"
        >
          {opening && (
            <ReactFlow
              nodes={flowElements.nodes}
              edges={flowElements.edges}
              nodeTypes={NODE_TYPES}
              nodesDraggable={false}
              nodesConnectable={false}
              nodesFocusable={false}
              edgesFocusable={false}
              elementsSelectable={false}
              disableKeyboardA11y
              minZoom={0.02}
              defaultViewport={opening.viewport}
              onlyRenderVisibleElements={large}
              onNodeClick={(_, n) => {
                setSelected(Number(n.id));
                setActive(Number(n.id));
              }}
              onNodeMouseEnter={(_, n) => setHovered(Number(n.id))}
              onNodeMouseLeave={closeHover}
              onMoveStart={closeHover}
              onMoveEnd={(_, v) => setViewport(toUrl(v))}
              onPaneClick={() => setSelected(null)}
              proOptions={{ hideAttribution: true }}
            >
              <Background gap={LAYOUT_BG_GAP} />
              <Controls showInteractive={false} />
              <LineageMinimap drawn={drawn} />
              <LineageLabels candidates={labels} />
            </ReactFlow>
          )}
          <ViewButtons best={best} onZoomToBest={zoomToBest} total={drawn.length} onShowAll={showAll} />
          {hoveredNode && <LineageHover node={hoveredNode} step={step} />}
          <p className="sr-only" aria-live="polite">
            {currentNode ? `Program #${currentNode.id}, μ ${currentNode.mu.toFixed(2)}` : ""}
          </p>
        </div>
        {selected !== null && (
          <NodePanel
            runId={runId}
            programId={selected}
            replayed={step < lastStep && replay.at ? (byId.get(selected) ?? null) : null}
            replayStep={step}
            onSelect={focusOn}
            onClose={() => setSelected(null)}
          />
        )}
      </div>
      <LineageLegend />
    </div>
  );
}

const LAYOUT_BG_GAP = 32;
const LARGE_GRAPH = 300;

const subscribeNever = () => () => {};

/**
 * The run's lineage DAG: every program (evicted ones as ghosts), replayable step by step. Rendered in
 * the browser only: the layout then runs once, on the client, and the server's HTML carries no graph
 * (server-rendered layout counters and timings would not match the client's on hydration).
 */
export function LineageView({ lineage: rendered }: { lineage: RunLineage }) {
  const lineage = useLiveLineage(rendered);
  const inBrowser = useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
  if (!inBrowser)
    return <p className="text-sm text-slate-500">Laying out {lineage.nodes.length} programs…</p>;
  if (lineage.nodes.length === 0)
    return (
      <p className="text-sm text-slate-500">No programs yet: the lineage appears after the first step.</p>
    );
  return (
    <ReactFlowProvider>
      <LineageCanvas lineage={lineage} />
    </ReactFlowProvider>
  );
}
