"use client";
import { useState } from "react";
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatSignificant, formatTick } from "@/lib/view/charts/format-number";
import {
  AXIS_STYLE,
  CHART_INK,
  CHART_MARGIN,
  xAxisLabel,
  colorForIndex,
} from "@/lib/view/charts/series-colors";
import { prepareGroupChart } from "@/lib/view/experiments/prepare-group-chart";
import type { GroupCurves } from "@/lib/view/experiments/prepare-groups";

/**
 * Each group's mean curve with its 95% t-band, in the group's colour, and every run of the group as a
 * faint line behind it. The metric is picked from the curve keys the read returned.
 */
export function GroupCurveChart({ groups, metrics }: { groups: GroupCurves[]; metrics: string[] }) {
  const [picked, setMetric] = useState(metrics[0] ?? "");
  // A live page starts before any step is logged: the first key that appears is drawn, not "" forever.
  const metric = metrics.includes(picked) ? picked : (metrics[0] ?? "");
  const { rows, series } = prepareGroupChart(groups, metric);
  if (rows.length === 0)
    return <p className="py-12 text-center text-sm text-slate-500">No steps logged yet.</p>;
  return (
    <div>
      <label className="mb-2 flex items-center gap-2 text-sm text-slate-700">
        Metric
        <select
          value={metric}
          onChange={(e) => setMetric(e.target.value)}
          className="rounded border border-slate-300 bg-white px-2 py-1 text-sm"
        >
          {metrics.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      <div className="h-80" data-testid="group-curve-chart">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={rows} margin={CHART_MARGIN}>
            <CartesianGrid stroke={CHART_INK.grid} strokeDasharray="3 3" />
            <XAxis
              dataKey="x"
              type="number"
              domain={["dataMin", "dataMax"]}
              allowDecimals={false}
              {...AXIS_STYLE}
              label={xAxisLabel("step")}
            />
            <YAxis domain={["auto", "auto"]} width={52} {...AXIS_STYLE} tickFormatter={formatTick} />
            <Tooltip
              isAnimationActive={false}
              wrapperStyle={{ zIndex: 10, pointerEvents: "none" }}
              content={({ active, label }) => {
                if (!active) return null;
                const row = rows.find((r) => r.x === label);
                if (!row) return null;
                return (
                  <div className="rounded border border-slate-200 bg-white px-2 py-1.5 text-xs shadow-md">
                    <p className="mb-1 font-medium text-slate-700">step {String(label)}</p>
                    {series.map((s, i) => {
                      const mean = row[s.meanKey];
                      const band = row[s.bandKey];
                      if (typeof mean !== "number") return null;
                      return (
                        <p key={s.meanKey} className="flex items-center gap-2">
                          <span
                            className="inline-block h-2 w-2 rounded-full"
                            style={{ background: colorForIndex(i) }}
                          />
                          <span className="text-slate-700">{s.label}</span>
                          <span className="font-mono tabular-nums text-slate-900">
                            {formatSignificant(mean)}
                            {Array.isArray(band)
                              ? ` (${formatSignificant(band[0])} – ${formatSignificant(band[1])})`
                              : ""}
                          </span>
                        </p>
                      );
                    })}
                  </div>
                );
              }}
            />
            {series.map((s, i) => (
              <Area
                key={s.bandKey}
                dataKey={s.bandKey}
                stroke="none"
                fill={colorForIndex(i)}
                fillOpacity={0.15}
                connectNulls
                isAnimationActive={false}
                activeDot={false}
              />
            ))}
            {series.flatMap((s, i) =>
              s.runKeys.map((run) => (
                <Line
                  key={run.key}
                  dataKey={run.key}
                  name={`${s.label} · seed ${run.seed}`}
                  stroke={colorForIndex(i)}
                  strokeOpacity={0.25}
                  strokeWidth={1}
                  dot={false}
                  activeDot={false}
                  connectNulls
                  isAnimationActive={false}
                />
              )),
            )}
            {series.map((s, i) => (
              <Line
                key={s.meanKey}
                dataKey={s.meanKey}
                name={s.label}
                stroke={colorForIndex(i)}
                strokeWidth={2}
                dot={false}
                connectNulls
                isAnimationActive={false}
              />
            ))}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <ul className="mt-2 flex flex-wrap gap-4 text-sm text-slate-700" aria-label="Groups">
        {series.map((s, i) => (
          <li key={s.meanKey} className="flex items-center gap-2">
            <span
              className="inline-block h-2.5 w-2.5 rounded-full"
              style={{ background: colorForIndex(i) }}
            />
            {s.label} <span className="text-slate-500">(mean, 95% band; seeds faint)</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
