"use client";
import { useRef } from "react";
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
import { downloadPng, downloadSvg, findChartSvg } from "@/lib/charts/export-chart";
import { X_AXIS_LABEL, type Curve, type Marker, type XAxis as Axis } from "@/lib/charts/prepare-curves";

const COLORS = ["#2563eb", "#16a34a", "#dc2626", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777"];
const MARKER_COLORS: Record<Marker["kind"], string> = {
  mutation: "#16a34a",
  crossover: "#9333ea",
  failed: "#dc2626",
};

/** Renders prepared curves (prepare-curves.ts): smoothed line, faint raw line and min/max band per key. */
export function SuccessChart({
  title,
  curves,
  markers,
  axis,
  fileName,
}: {
  title: string;
  curves: Curve[];
  markers: Marker[];
  axis: Axis;
  fileName: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const exportAs = (kind: "svg" | "png") => {
    const svg = findChartSvg(ref.current);
    if (!svg) return;
    if (kind === "svg") downloadSvg(svg, fileName);
    else void downloadPng(svg, fileName);
  };
  const empty = curves.every((c) => c.points.length === 0);
  return (
    <figure className="rounded-lg border border-slate-200 p-4 dark:border-slate-700" aria-label={title}>
      <figcaption className="mb-2 flex items-center justify-between">
        <span className="font-medium">{title}</span>
        <span className="space-x-2 text-sm">
          <button
            type="button"
            className="underline"
            onClick={() => exportAs("svg")}
            aria-label={`Download ${title} as SVG`}
          >
            SVG
          </button>
          <button
            type="button"
            className="underline"
            onClick={() => exportAs("png")}
            aria-label={`Download ${title} as PNG`}
          >
            PNG
          </button>
        </span>
      </figcaption>
      {empty ? (
        <p className="py-12 text-center text-sm text-slate-500">No committed steps yet.</p>
      ) : (
        <div ref={ref} className="h-72" data-testid={`chart-${fileName}`}>
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#94a3b833" />
              <XAxis
                dataKey="x"
                type="number"
                domain={["dataMin", "dataMax"]}
                allowDuplicatedCategory={false}
                label={{ value: X_AXIS_LABEL[axis], position: "insideBottom", offset: -4 }}
              />
              <YAxis domain={[0, "auto"]} />
              <Tooltip />
              {curves.map((c, i) => {
                const color = COLORS[i % COLORS.length];
                return [
                  <Area
                    key={`${c.key}-band`}
                    data={c.points}
                    dataKey="band"
                    stroke="none"
                    fill={color}
                    fillOpacity={0.1}
                    isAnimationActive={false}
                    name={`${c.key} min–max`}
                  />,
                  <Line
                    key={`${c.key}-raw`}
                    data={c.points}
                    dataKey="raw"
                    stroke={color}
                    strokeOpacity={0.25}
                    dot={false}
                    isAnimationActive={false}
                    name={`${c.key} raw`}
                  />,
                  <Line
                    key={c.key}
                    data={c.points}
                    dataKey="value"
                    stroke={color}
                    strokeWidth={2}
                    dot={false}
                    isAnimationActive={false}
                    name={c.key}
                  />,
                ];
              })}
              {markers.map((m) => (
                <ReferenceLine
                  key={`${m.step}-${m.kind}`}
                  x={m.step}
                  stroke={MARKER_COLORS[m.kind]}
                  strokeDasharray="2 3"
                />
              ))}
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
      <ul className="mt-2 flex flex-wrap gap-3 text-xs" aria-label={`${title} legend`}>
        {curves.map((c, i) => (
          <li key={c.key} className="flex items-center gap-1">
            <span className="inline-block h-2 w-3" style={{ background: COLORS[i % COLORS.length] }} />
            {c.key}
          </li>
        ))}
      </ul>
    </figure>
  );
}
