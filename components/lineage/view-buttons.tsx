"use client";

const BUTTON =
  "rounded border border-slate-300 bg-white px-2 py-1 text-xs text-slate-700 shadow-sm hover:bg-slate-100";

/**
 * Over the graph's top right: "Zoom to best" (the best program at a readable zoom, its label shown)
 * and, when the opening view fitted only the best region because the whole graph would have shrunk
 * its nodes below a readable size, "Show all".
 */
export function ViewButtons({
  best,
  onZoomToBest,
  total,
  onShowAll,
}: {
  best: number | null;
  onZoomToBest: () => void;
  total: number;
  onShowAll: (() => void) | null;
}) {
  return (
    <div className="absolute top-2 right-2 z-10 flex items-center gap-2">
      {onShowAll && (
        <span className="rounded bg-white px-1 text-xs text-slate-600">
          Best program and top-rated shown at a readable size.
        </span>
      )}
      {onShowAll && (
        <button type="button" className={BUTTON} onClick={onShowAll}>
          Show all {total.toLocaleString("en")}
        </button>
      )}
      <button type="button" className={BUTTON} onClick={onZoomToBest} disabled={best === null}>
        Zoom to best{best !== null ? ` (#${best})` : ""}
      </button>
    </div>
  );
}
