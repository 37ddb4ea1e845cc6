"use client";
import "@xyflow/react/dist/style.css";
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Edge,
} from "@xyflow/react";
import { useMemo, useState, useSyncExternalStore } from "react";
import { layoutCounted } from "@/lib/lineage/counted-layout";
import { buildAdjacency, findAncestors, findBest, findDescendants, type ColourBy } from "@/lib/lineage/graph";
import { prepareFlow } from "@/lib/lineage/prepare-flow";
import type { RunLineage } from "@/lib/lineage/types";
import { useLineageSearch } from "@/lib/lineage/use-lineage-queries";
import { LineageLegend } from "./lineage-legend";
import { NodePanel } from "./node-panel";
import { ProgramNode, type ProgramFlowNode } from "./program-node";

const NODE_TYPES = { program: ProgramNode };
const EMPTY = new Set<number>();

function LineageCanvas({ lineage }: { lineage: RunLineage }) {
  const { nodes, edges, runId } = lineage;
  const lastStep = lineage.lastStep ?? -1;
  const flow = useReactFlow();
  const [step, setStep] = useState(lastStep);
  const [colourBy, setColourBy] = useState<ColourBy>("mu");
  const [selected, setSelected] = useState<number | null>(null);
  const [hovered, setHovered] = useState<number | null>(null);
  const [showBestPath, setShowBestPath] = useState(true);
  const [searchInput, setSearchInput] = useState("");
  const [searchText, setSearchText] = useState("");
  const [searchNote, setSearchNote] = useState<string | null>(null);

  // The layout depends on the graph data only: hover, selection, colour and replay never rerun it.
  const { layout, ms, run } = useMemo(() => layoutCounted(nodes, edges), [nodes, edges]);
  const adjacency = useMemo(() => buildAdjacency(edges), [edges]);
  const byId = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  const best = useMemo(() => findBest(nodes, step), [nodes, step]);
  const bestPath = useMemo(() => (best === null ? EMPTY : findAncestors(best, adjacency)), [best, adjacency]);
  const related = useMemo(
    () =>
      selected === null
        ? EMPTY
        : new Set([...findAncestors(selected, adjacency), ...findDescendants(selected, adjacency)]),
    [selected, adjacency],
  );
  const search = useLineageSearch(runId, searchText);
  const matches = useMemo(() => new Set(search.data?.ids ?? []), [search.data]);

  const display = useMemo(
    () =>
      prepareFlow(nodes, edges, layout, {
        step,
        colourBy,
        selected,
        related,
        best,
        bestPath,
        showBestPath,
        matches,
      }),
    [nodes, edges, layout, step, colourBy, selected, related, best, bestPath, showBestPath, matches],
  );
  const flowNodes = useMemo(
    (): ProgramFlowNode[] =>
      display.nodes.map((d) => {
        const n = byId.get(d.id)!;
        return {
          id: String(d.id),
          type: "program",
          position: { x: d.x - d.size / 2, y: d.y - d.size / 2 },
          width: d.size,
          height: d.size,
          hidden: d.state === "hidden",
          data: {
            display: d,
            label: `#${n.id} ${n.origin} · born ${n.birthStep} · μ ${n.mu.toFixed(2)} σ ${n.sigma.toFixed(2)}${n.preview ? ` · ${n.preview}` : ""}`,
          },
        };
      }),
    [display.nodes, byId],
  );
  const flowEdges = useMemo(
    (): Edge[] =>
      display.edges.map((e) => ({
        id: e.id,
        source: String(e.parent),
        target: String(e.child),
        hidden: e.hidden,
        focusable: false,
        data: { kind: e.kind },
        className: `lineage-edge-${e.kind}`,
        style: {
          stroke: e.emphasised ? "#0284c7" : "#94a3b8",
          strokeWidth: e.emphasised ? 2.5 : 1.2,
          strokeDasharray: e.kind === "crossover" ? "6 4" : undefined,
          opacity: e.dim ? 0.15 : 1,
        },
      })),
    [display.edges],
  );
  const alive = display.nodes.filter((n) => n.state === "alive").length;
  // A large graph opens on the best program at a readable zoom and renders only what is in view
  // (the minimap shows the whole); a small one fits the screen.
  const large = nodes.length > LARGE_GRAPH;
  const [startViewport] = useState(() => {
    const p = best === null ? undefined : layout.positions.get(best);
    return p ? { x: 400 - p.x * START_ZOOM, y: 240 - p.y * START_ZOOM, zoom: START_ZOOM } : undefined;
  });
  const hoveredNode = hovered === null ? null : byId.get(hovered);

  function focusOn(id: number) {
    const p = layout.positions.get(id);
    if (!p) return;
    setSelected(id);
    if (byId.get(id)!.birthStep > step) setStep(lastStep);
    void flow.setCenter(p.x, p.y, { zoom: Math.max(flow.getZoom(), 0.9), duration: 300 });
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

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-4 text-sm">
        <form
          role="search"
          className="flex gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            submitSearch(searchInput);
          }}
        >
          <input
            aria-label="Search programs by id or principle text"
            placeholder="#id or principle text"
            value={searchInput}
            onChange={(e) => setSearchInput(e.target.value)}
            className="w-56 rounded border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
          />
          <button type="submit" className="rounded border border-slate-300 px-2 py-1 dark:border-slate-600">
            Search
          </button>
          {searchText && (
            <button
              type="button"
              onClick={() => {
                setSearchText("");
                setSearchInput("");
              }}
              className="px-1 text-slate-500"
            >
              Clear
            </button>
          )}
        </form>
        <label className="flex items-center gap-1">
          Colour
          <select
            value={colourBy}
            onChange={(e) => setColourBy(e.target.value as ColourBy)}
            className="rounded border border-slate-300 px-1 py-0.5 dark:border-slate-600 dark:bg-slate-900"
          >
            <option value="mu">μ</option>
            <option value="conservative">μ − 3σ</option>
          </select>
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={showBestPath} onChange={(e) => setShowBestPath(e.target.checked)} />
          Path to best{best !== null ? ` (#${best})` : ""}
        </label>
        <label className="flex grow items-center gap-2">
          Replay step
          <input
            type="range"
            aria-label="Replay step"
            min={-1}
            max={Math.max(lastStep, -1)}
            value={step}
            onChange={(e) => setStep(Number(e.target.value))}
            className="grow"
          />
          <output data-testid="replay-step" className="w-12 font-mono">
            {step}
          </output>
        </label>
        <span data-testid="population-count">
          {alive} in the pool at step {step}
        </span>
      </div>
      {(searchNote || search.data || search.error) && (
        <div className="text-sm" aria-live="polite" data-testid="search-results">
          {searchNote ?? search.error?.message}
          {search.data && (
            <>
              {search.data.ids.length} program{search.data.ids.length === 1 ? "" : "s"} match &quot;
              {searchText}&quot;:{" "}
              {search.data.ids.slice(0, 30).map((id) => (
                <button
                  key={id}
                  type="button"
                  onClick={() => focusOn(id)}
                  className="mr-1 font-mono text-sky-700 underline"
                >
                  #{id}
                </button>
              ))}
            </>
          )}
        </div>
      )}
      <div className="flex gap-3" style={{ height: "72vh" }}>
        <div
          data-testid="lineage-graph"
          data-layout-count={run}
          data-layout-ms={ms.toFixed(1)}
          data-nodes={nodes.length}
          data-edges={edges.length}
          className="relative grow rounded-lg border border-slate-200 dark:border-slate-700"
        >
          <ReactFlow
            nodes={flowNodes}
            edges={flowEdges}
            nodeTypes={NODE_TYPES}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            minZoom={0.02}
            fitView={!large}
            fitViewOptions={{ maxZoom: 1.2, padding: 0.1 }}
            defaultViewport={startViewport}
            onlyRenderVisibleElements={large}
            onNodeClick={(_, n) => setSelected(Number(n.id))}
            onNodeMouseEnter={(_, n) => setHovered(Number(n.id))}
            onNodeMouseLeave={() => setHovered(null)}
            onPaneClick={() => setSelected(null)}
            proOptions={{ hideAttribution: true }}
          >
            <Background gap={LAYOUT_BG_GAP} />
            <Controls showInteractive={false} />
            <MiniMap pannable zoomable nodeColor={(n) => (n as ProgramFlowNode).data.display.colour} />
          </ReactFlow>
          {hoveredNode && (
            <div
              data-testid="lineage-hover"
              className="pointer-events-none absolute top-2 left-2 max-w-md rounded bg-white/90 p-2 text-xs shadow dark:bg-slate-900/90"
            >
              #{hoveredNode.id} {hoveredNode.origin}, born {hoveredNode.birthStep}
              {hoveredNode.evictedAtStep !== null ? `, evicted ${hoveredNode.evictedAtStep}` : ""} · μ{" "}
              {hoveredNode.mu.toFixed(2)} · σ {hoveredNode.sigma.toFixed(2)} · selected{" "}
              {hoveredNode.timesSelected}×
              {hoveredNode.preview && <span className="block text-slate-500">{hoveredNode.preview}</span>}
            </div>
          )}
        </div>
        {selected !== null && (
          <NodePanel
            runId={runId}
            programId={selected}
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
const START_ZOOM = 0.8;

const subscribeNever = () => () => {};

/**
 * The run's lineage DAG: every program (evicted ones as ghosts), replayable step by step. Rendered in
 * the browser only: the layout then runs once, on the client, and the server's HTML carries no graph
 * (server-rendered layout counters and timings would not match the client's on hydration).
 */
export function LineageView({ lineage }: { lineage: RunLineage }) {
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
