"use client";
import { X_AXIS_LABEL, type XAxis } from "@/lib/view/charts/axis-positions";
import { formatSignificant } from "@/lib/view/charts/format-number";
import { sortTooltipRows, type ChartSeries } from "@/lib/view/charts/prepare-chart";

/** Rows past this are summarised, so a tooltip never grows taller than the chart. */
const MAX_ROWS = 10;

interface Entry {
  dataKey?: unknown;
  value?: unknown;
  payload?: { step?: unknown };
}

/**
 * Tooltip body of every line chart: the x position, then each drawn series' value (four significant
 * digits), highest first. Raw and band entries are left out: the smoothed value is the one read.
 */
export function ChartTooltipBox({
  active,
  payload,
  label,
  series,
  axis,
}: {
  active?: boolean;
  payload?: readonly Entry[];
  label?: unknown;
  series: readonly ChartSeries[];
  axis: XAxis;
}) {
  if (!active || !payload || payload.length === 0) return null;
  const rows = sortTooltipRows(
    payload.flatMap((e) => {
      const m = typeof e.dataKey === "string" ? /^s(\d+)$/.exec(e.dataKey) : null;
      const s = m ? series[Number(m[1])] : undefined;
      return s ? [{ label: s.label, color: s.color, value: e.value }] : [];
    }),
  );
  if (rows.length === 0) return null;
  const x = typeof label === "number" ? formatSignificant(label) : String(label ?? "");
  // The step is named too when the x-axis is another one, since steps are what the run's pages list.
  const step = payload[0]?.payload?.step;
  return (
    <div
      className="max-w-xs rounded border border-slate-200 bg-white px-2 py-1.5 text-xs shadow-md"
      data-testid="chart-tooltip"
    >
      <p className="mb-1 font-medium text-slate-700">
        {X_AXIS_LABEL[axis]} {x}
        {axis !== "step" && typeof step === "number" ? ` · step ${step}` : ""}
      </p>
      <table>
        <tbody>
          {rows.slice(0, MAX_ROWS).map((r) => (
            <tr key={r.label}>
              <td className="pr-1">
                <span className="inline-block h-2 w-2 rounded-full" style={{ background: r.color }} />
              </td>
              <td className="max-w-[14rem] truncate pr-3 text-slate-700">{r.label}</td>
              <td className="text-right font-mono tabular-nums text-slate-900">{r.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > MAX_ROWS ? <p className="text-slate-500">+{rows.length - MAX_ROWS} more</p> : null}
    </div>
  );
}
