/** What the lineage encodes, in one line. */
export function LineageLegend() {
  return (
    <p className="text-xs text-slate-500">
      Layers: birth step (top to bottom). Fill: μ or μ − 3σ (blue low → yellow high). Ring width: σ (thicker =
      less certain). Size: times selected. Dashed outline: evicted (ghost). Solid edge: mutation; dashed edge:
      crossover (every parent). Amber: best program (μ − 3σ) and its ancestors; blue: the selected
      program&apos;s ancestors and descendants. Labels (#id and the colour measure): the best program, the 10
      top-rated by μ − 3σ and the best program&apos;s line of first parents. Keys: Tab to the graph, arrows
      move between programs, Enter selects, Escape clears.
    </p>
  );
}
