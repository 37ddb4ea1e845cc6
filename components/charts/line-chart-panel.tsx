"use client";
import { useRef, useState, type ReactNode } from "react";
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { X_AXIS_LABEL, type XAxis as Axis } from "@/lib/view/charts/axis-positions";
import { formatTick } from "@/lib/view/charts/format-number";
import { buildChartRows, buildSeriesCsv, rowKeys, type ChartSeries } from "@/lib/view/charts/prepare-chart";
import type { Marker } from "@/lib/view/charts/prepare-curves";
import {
  AXIS_STYLE,
  CHART_INK,
  CHART_MARGIN,
  xAxisLabel,
  MARKER_COLOR,
} from "@/lib/view/charts/series-colors";
import { ChartExport } from "./chart-export";
import { ChartLegend } from "./chart-legend";
import { ChartTooltipBox } from "./chart-tooltip";

/** How faint the other series get while one is isolated (legend hover). */
const FADED = 0.12;

/**
 * One line chart of the chart kit (run overview panels, comparison): smoothed lines over faint raw
 * ones, optional min/max bands, a log or linear y axis, evolution markers, a clickable legend, a
 * sorted tooltip kept inside the chart, and PNG/SVG/CSV downloads. Renders prepared series only.
 */
export function LineChartPanel({
  title,
  series,
  axis,
  smoothing,
  log,
  fileName,
  markers = [],
  note = null,
  controls,
  legendFooter,
  emptyText = "No committed steps yet.",
  hiddenKeys,
  isolate = null,
  showLegend = true,
}: {
  title: string;
  series: readonly ChartSeries[];
  axis: Axis;
  smoothing: number;
  log: boolean;
  /** Download file name and test id (`chart-<fileName>`). */
  fileName: string;
  markers?: readonly Marker[];
  /** Why some or all curves are missing on this axis (a run that did not record it), shown as such. */
  note?: string | null;
  /** Panel controls beside the title (a metric picker). */
  controls?: ReactNode;
  legendFooter?: ReactNode;
  emptyText?: string;
  /** Series hidden by a legend outside the chart (the comparison's run list); the own legend's otherwise. */
  hiddenKeys?: ReadonlySet<string>;
  /** A series isolated from outside (hover on a shared legend). */
  isolate?: string | null;
  showLegend?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [ownHidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [ownHover, setHover] = useState<string | null>(null);
  const hidden = hiddenKeys ?? ownHidden;
  const hover = ownHover ?? isolate;
  const drawn = series.filter((s) => !hidden.has(s.key));
  // Rows carry every series (indices stay put when one is hidden); hidden ones get no line.
  const rows = buildChartRows(series, { log });
  const empty = series.every((s) => s.points.length === 0);
  const opacity = (key: string) => (hover === null || hover === key ? 1 : FADED);
  const toggle = (key: string) =>
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  return (
    <figure className="min-w-0 rounded-lg border border-slate-200 bg-white p-4" aria-label={title}>
      <figcaption className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <span className="font-medium">{title}</span>
        <span className="flex flex-wrap items-center gap-2">
          {controls}
          <ChartExport
            title={title}
            fileName={fileName}
            chartRef={ref}
            csv={() => buildSeriesCsv(drawn, axis, smoothing)}
          />
        </span>
      </figcaption>
      {note ? (
        <p role="note" className="mb-2 text-sm text-amber-700" data-testid={`chart-note-${fileName}`}>
          {note}
        </p>
      ) : null}
      {empty ? (
        note ? null : (
          <p className="py-12 text-center text-sm text-slate-500">{emptyText}</p>
        )
      ) : (
        <div ref={ref} className="h-72" data-testid={`chart-${fileName}`}>
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={rows} margin={CHART_MARGIN}>
              <CartesianGrid stroke={CHART_INK.grid} strokeDasharray="3 3" />
              <XAxis
                dataKey="x"
                type="number"
                // Rounded ends give round ticks (0, 500, 1000) rather than the first bucket's step.
                domain={["auto", "auto"]}
                {...AXIS_STYLE}
                tickFormatter={formatTick}
                // Steps, samples and tokens are counts: a short run must not get ticks at step 0.75.
                allowDecimals={axis === "time"}
                label={xAxisLabel(X_AXIS_LABEL[axis])}
              />
              <YAxis
                scale={log ? "log" : "linear"}
                domain={["auto", "auto"]}
                allowDataOverflow={log}
                width={52}
                {...AXIS_STYLE}
                tickFormatter={formatTick}
              />
              <Tooltip
                allowEscapeViewBox={{ x: false, y: false }}
                wrapperStyle={{ zIndex: 10, pointerEvents: "none" }}
                isAnimationActive={false}
                content={(p) => (
                  <ChartTooltipBox
                    active={p.active}
                    payload={p.payload as never}
                    label={p.label}
                    series={series}
                    axis={axis}
                  />
                )}
              />
              {series.flatMap((s, i) => {
                if (hidden.has(s.key)) return [];
                const k = rowKeys(i);
                const o = opacity(s.key);
                return [
                  s.hasBand ? (
                    <Area
                      key={k.band}
                      dataKey={k.band}
                      stroke="none"
                      fill={s.color}
                      fillOpacity={0.12 * o}
                      isAnimationActive={false}
                      connectNulls
                      activeDot={false}
                    />
                  ) : null,
                  smoothing > 0 ? (
                    <Line
                      key={k.raw}
                      dataKey={k.raw}
                      stroke={s.color}
                      strokeOpacity={0.2 * o}
                      dot={false}
                      activeDot={false}
                      isAnimationActive={false}
                      connectNulls
                    />
                  ) : null,
                  <Line
                    key={k.value}
                    dataKey={k.value}
                    name={s.label}
                    stroke={s.color}
                    strokeOpacity={o}
                    strokeWidth={hover === s.key ? 2.5 : 1.75}
                    dot={false}
                    activeDot={{ r: 3 }}
                    isAnimationActive={false}
                    connectNulls
                  />,
                ];
              })}
              {markers.map((m) => (
                <ReferenceLine
                  key={`${m.step}-${m.kind}`}
                  x={m.step}
                  stroke={MARKER_COLOR[m.kind]}
                  strokeOpacity={0.6}
                  strokeDasharray="2 3"
                />
              ))}
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
      {showLegend ? (
        <ChartLegend
          title={title}
          items={series.map((s) => ({
            key: s.key,
            label: s.label,
            color: s.color,
            hidden: hidden.has(s.key),
          }))}
          onToggle={toggle}
          onHover={setHover}
          footer={legendFooter}
        />
      ) : null}
    </figure>
  );
}
