"use client";
import { X_AXES, X_AXIS_LABEL, type XAxis } from "@/lib/view/charts/axis-positions";

const SELECT = "rounded border border-slate-300 bg-transparent px-2 py-1";

function Toggle({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <label className="flex items-center gap-1.5">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

/**
 * The x-axis picker, smoothing slider and y-scale/band toggles of every line chart (run page,
 * comparison). Smoothing is committed on release (pointer or key), so dragging does not rewrite the
 * URL at every pixel; the raw series stays drawn faintly behind the smoothed one.
 */
export function CurveControls({
  axis,
  smoothing,
  onAxis,
  onSmoothing,
  log,
  onLog,
  band,
  onBand,
}: {
  axis: XAxis;
  smoothing: number;
  onAxis: (axis: XAxis) => void;
  onSmoothing: (smoothing: number) => void;
  log?: boolean;
  onLog?: (log: boolean) => void;
  /** Min/max band across programs (only where the metrics carry one). */
  band?: boolean;
  onBand?: (band: boolean) => void;
}) {
  return (
    <>
      <label className="flex items-center gap-2">
        x-axis
        <select value={axis} onChange={(e) => onAxis(e.target.value as XAxis)} className={SELECT}>
          {X_AXES.map((a) => (
            <option key={a} value={a}>
              {X_AXIS_LABEL[a]}
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
      {onLog ? <Toggle label="log scale" checked={log ?? false} onChange={onLog} /> : null}
      {onBand ? <Toggle label="min–max across programs" checked={band ?? false} onChange={onBand} /> : null}
    </>
  );
}
