"use client";
import { useRef, useState } from "react";
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
import { ChartExport } from "@/components/charts/chart-export";
import { ChartLegend } from "@/components/charts/chart-legend";
import { DEFAULT_VISIBLE } from "@/lib/view/charts/prepare-chart";
import { formatSignificant, formatTick } from "@/lib/view/charts/format-number";
import { buildRatingBandsCsv, type BandRow, type BandSeries } from "@/lib/view/charts/prepare-rating-bands";
import { AXIS_STYLE, CHART_INK, CHART_MARGIN, xAxisLabel } from "@/lib/view/charts/series-colors";

/**
 * Renders prepared rating bands (prepare-rating-bands.ts): μ as a step line and μ ± kσ as a band each,
 * in each program's own colour. The leaderboard picks the programs (its best ten by default); the
 * legend hides or shows each, "top 5" keeps the five best, and hovering one fades the rest.
 */
export function RatingBandsChart({ rows, series, k }: { rows: BandRow[]; series: BandSeries[]; k: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const [hidden, setHidden] = useState<ReadonlySet<number>>(new Set());
  const [hover, setHover] = useState<number | null>(null);
  if (rows.length === 0 || series.length === 0)
    return <p className="py-12 text-center text-sm text-slate-500">No ratings to draw yet.</p>;
  const drawn = series.filter((s) => !hidden.has(s.id));
  const opacity = (id: number) => (hover === null || hover === id ? 1 : 0.12);
  const byMuKey = new Map(series.map((s) => [s.muKey, s]));
  const allShown = drawn.length === series.length;
  return (
    <div>
      <div className="mb-1 flex justify-end">
        <ChartExport
          title="Ratings"
          fileName="ratings"
          chartRef={ref}
          csv={() => buildRatingBandsCsv(rows, drawn, k)}
        />
      </div>
      <div ref={ref} className="h-80" data-testid="ratings-chart">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={rows} margin={CHART_MARGIN}>
            <CartesianGrid stroke={CHART_INK.grid} strokeDasharray="3 3" />
            <XAxis
              dataKey="step"
              type="number"
              domain={["dataMin", "dataMax"]}
              allowDecimals={false}
              {...AXIS_STYLE}
              label={xAxisLabel("step")}
            />
            <YAxis
              domain={["auto", "auto"]}
              width={52}
              {...AXIS_STYLE}
              tickFormatter={formatTick}
              label={{ value: "μ", angle: -90, position: "insideLeft", fill: CHART_INK.label, fontSize: 11 }}
            />
            <Tooltip
              allowEscapeViewBox={{ x: false, y: false }}
              wrapperStyle={{ zIndex: 10, pointerEvents: "none" }}
              isAnimationActive={false}
              content={({ active, payload, label }) => {
                if (!active || !payload) return null;
                const items = payload
                  .flatMap((e) => {
                    const s = byMuKey.get(String(e.dataKey));
                    return s && typeof e.value === "number" ? [{ s, mu: e.value }] : [];
                  })
                  .sort((a, b) => b.mu - a.mu);
                if (items.length === 0) return null;
                return (
                  <div className="rounded border border-slate-200 bg-white px-2 py-1.5 text-xs shadow-md">
                    <p className="mb-1 font-medium text-slate-700">step {String(label)}</p>
                    {items.map(({ s, mu }) => {
                      const band = rows.find((r) => r.step === label)?.[s.bandKey];
                      return (
                        <p key={s.id} className="flex items-center gap-2">
                          <span
                            className="inline-block h-2 w-2 rounded-full"
                            style={{ background: s.colour }}
                          />
                          <span className="w-10 text-slate-700">#{s.id}</span>
                          <span className="font-mono tabular-nums text-slate-900">
                            μ {formatSignificant(mu)}
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
            {drawn.map((s) => (
              <Area
                key={s.bandKey}
                dataKey={s.bandKey}
                type="stepAfter"
                stroke="none"
                fill={s.colour}
                fillOpacity={0.12 * opacity(s.id)}
                isAnimationActive={false}
                activeDot={false}
              />
            ))}
            {drawn.map((s) => (
              <Line
                key={s.muKey}
                dataKey={s.muKey}
                name={`#${s.id} μ`}
                type="stepAfter"
                stroke={s.colour}
                strokeOpacity={opacity(s.id)}
                dot={false}
                strokeWidth={hover === s.id ? 2.5 : 1.75}
                isAnimationActive={false}
              />
            ))}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <ChartLegend
        title="Ratings"
        items={series.map((s) => ({
          key: String(s.id),
          label: `#${s.id} μ ± ${k}σ`,
          color: s.colour,
          hidden: hidden.has(s.id),
        }))}
        onToggle={(key) =>
          setHidden((h) => {
            const next = new Set(h);
            const id = Number(key);
            if (next.has(id)) next.delete(id);
            else next.add(id);
            return next;
          })
        }
        onHover={(key) => setHover(key === null ? null : Number(key))}
        footer={
          series.length > DEFAULT_VISIBLE ? (
            <button
              type="button"
              className="shrink-0 whitespace-nowrap rounded px-1.5 py-0.5 text-sky-700 underline hover:bg-slate-100"
              onClick={() =>
                setHidden(allShown ? new Set(series.slice(DEFAULT_VISIBLE).map((s) => s.id)) : new Set())
              }
            >
              {allShown ? `top ${DEFAULT_VISIBLE}` : `show all ${series.length}`}
            </button>
          ) : null
        }
      />
    </div>
  );
}
