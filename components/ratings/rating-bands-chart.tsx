"use client";
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { BandRow, BandSeries } from "@/lib/charts/prepare-rating-bands";

/** Renders prepared rating bands (prepare-rating-bands.ts): μ as a step line and μ ± kσ as a band each. */
export function RatingBandsChart({ rows, series, k }: { rows: BandRow[]; series: BandSeries[]; k: number }) {
  if (rows.length === 0 || series.length === 0)
    return <p className="py-12 text-center text-sm text-slate-500">No ratings to draw yet.</p>;
  return (
    <div className="h-80" data-testid="ratings-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#94a3b833" />
          <XAxis dataKey="step" type="number" domain={["dataMin", "dataMax"]} />
          <YAxis domain={["auto", "auto"]} width={48} />
          <Tooltip
            formatter={(value, name) =>
              Array.isArray(value)
                ? [`${Number(value[0]).toFixed(2)} – ${Number(value[1]).toFixed(2)}`, name]
                : [Number(value).toFixed(2), name]
            }
            labelFormatter={(step) => `step ${step}`}
          />
          <Legend />
          {series.map((s) => (
            <Area
              key={s.bandKey}
              dataKey={s.bandKey}
              name={`#${s.id} μ ± ${k}σ`}
              type="stepAfter"
              stroke="none"
              fill={s.colour}
              fillOpacity={0.15}
              isAnimationActive={false}
              legendType="none"
            />
          ))}
          {series.map((s) => (
            <Line
              key={s.muKey}
              dataKey={s.muKey}
              name={`#${s.id} μ`}
              type="stepAfter"
              stroke={s.colour}
              dot={false}
              strokeWidth={1.5}
              isAnimationActive={false}
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
