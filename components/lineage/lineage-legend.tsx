/** What the lineage encodes, in one line. */
export function LineageLegend() {
  return (
    <p className="text-xs text-slate-500">
      Layers: birth step (top to bottom). Fill: μ or μ − 3σ (blue low → yellow high). Ring width: σ (thicker =
      less certain). Size: times selected. Dashed outline: evicted (ghost). Solid edge: mutation; dashed edge:
      crossover (every parent). Amber: best program (μ − 3σ) and its ancestors; blue: the selected
      program&apos;s ancestors and descendants.
    </p>
  );
}
