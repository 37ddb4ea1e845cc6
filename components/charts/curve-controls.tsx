"use client";
import { X_AXES, type XAxis } from "@/lib/charts/prepare-curves";

const SELECT = "rounded border border-slate-300 bg-transparent px-2 py-1 dark:border-slate-600";

/**
 * The x-axis picker and smoothing slider of every success chart (run page, comparison). Smoothing is
 * committed on release (pointer or key), so dragging does not rewrite the URL at every pixel.
 */
export function CurveControls({
  axis,
  smoothing,
  onAxis,
  onSmoothing,
}: {
  axis: XAxis;
  smoothing: number;
  onAxis: (axis: XAxis) => void;
  onSmoothing: (smoothing: number) => void;
}) {
  return (
    <>
      <label className="flex items-center gap-2">
        x-axis
        <select value={axis} onChange={(e) => onAxis(e.target.value as XAxis)} className={SELECT}>
          {X_AXES.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-2">
        smoothing
        <input
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          // Keyed by the committed value so a back/forward navigation moves the thumb.
          key={smoothing}
          defaultValue={smoothing}
          onPointerUp={(e) => onSmoothing(Number(e.currentTarget.value))}
          onKeyUp={(e) => onSmoothing(Number(e.currentTarget.value))}
        />
        <span className="w-10 tabular-nums" data-testid="smoothing-value">
          {smoothing.toFixed(2)}
        </span>
      </label>
    </>
  );
}
