"use client";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { CurveControls } from "@/components/charts/curve-controls";
import { LineChartPanel } from "@/components/charts/line-chart-panel";
import { MetricPicker } from "@/components/charts/metric-picker";
import { sortMetricKeys } from "@/lib/domain/metrics/metric-order";
import { describeMissingAxis } from "@/lib/view/charts/axis-positions";
import { formatSignificant } from "@/lib/view/charts/format-number";
import type { ChartSeries } from "@/lib/view/charts/prepare-chart";
import { prepareCurve } from "@/lib/view/charts/prepare-curves";
import { colorForIndex } from "@/lib/view/charts/series-colors";
import {
  MAX_COMPARE_METRICS,
  serialiseCompareQuery,
  type CompareQuery,
} from "@/lib/view/compare/compare-query";
import type { Comparison } from "@/lib/server/read/compare-runs";
import { CompareConfig } from "./compare-config";
import { CompareGroups, GroupBySelect, listGroupKeys } from "./compare-groups";
import { ComparePrompts } from "./compare-prompts";

/** Renders a comparison; every control writes the URL (the one source of the view's state). */
export function CompareView({ query, comparison }: { query: CompareQuery; comparison: Comparison }) {
  const router = useRouter();
  const pathname = usePathname();
  const [hover, setHover] = useState<string | null>(null);
  const update = (patch: Partial<CompareQuery>) =>
    router.replace(`${pathname}?${serialiseCompareQuery({ ...query, ...patch })}`, { scroll: false });
  // A share link's comparison lives at /s/<token>; its runs open under it, read-only.
  const hrefOf = (id: string) => (pathname.startsWith("/s/") ? `${pathname}/runs/${id}` : `/runs/${id}`);
  const hidden = new Set(query.hide);
  const metrics = query.metrics;
  // Natural order (Pass@2 before Pass@10), the picked ones included even where no run has them yet.
  const available = sortMetricKeys(new Set([...metrics, ...comparison.metricKeys]));
  const axisNote = describeMissingAxis(
    comparison.runs
      .filter((r) => !hidden.has(r.id))
      .map((r) => ({
        name: r.name,
        axes: r.axes,
        series: metrics.flatMap((m) => r.seriesByMetric[m] ?? []),
      })),
    query.x,
  );
  const seriesOf = (metric: string): ChartSeries[] =>
    comparison.runs.map((r, i) => {
      const curve = prepareCurve(r.id, r.seriesByMetric[metric] ?? [], query.x, query.smooth, r.axes);
      return { ...curve, label: r.name, color: colorForIndex(i) };
    });
  const finalKeys = comparison.metricKeys.filter(
    (k) => k.startsWith("testing/") || k === "rollout/Agg_avg_reward",
  );
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-4 text-sm">
        <MetricPicker
          title="Compared"
          available={available}
          chosen={metrics}
          labelOf={(k) => k}
          align="left"
          onChange={(chosen) => {
            const next = chosen.slice(0, MAX_COMPARE_METRICS);
            if (next.length > 0) update({ metrics: next, metric: next[0]! });
          }}
        />
        <CurveControls
          axis={query.x}
          smoothing={query.smooth}
          onAxis={(x) => update({ x })}
          onSmoothing={(smooth) => update({ smooth })}
          log={query.log}
          onLog={(log) => update({ log })}
        />
        <GroupBySelect
          value={query.group}
          keys={listGroupKeys(comparison)}
          hasExperiments={comparison.runs.some((r) => r.experiment !== null)}
          onChange={(group) => update({ group })}
        />
      </div>
      {query.group ? <CompareGroups comparison={comparison} by={query.group} finalKeys={finalKeys} /> : null}
      <ul className="flex flex-wrap gap-2" aria-label="Runs">
        {comparison.runs.map((r, i) => (
          <li
            key={r.id}
            className="flex items-center rounded border border-slate-300 bg-white text-sm"
            onMouseEnter={() => setHover(hidden.has(r.id) ? null : r.id)}
            onMouseLeave={() => setHover(null)}
          >
            <button
              type="button"
              aria-pressed={!hidden.has(r.id)}
              title={hidden.has(r.id) ? "Show in the charts" : "Hide from the charts"}
              onClick={() =>
                update({
                  hide: hidden.has(r.id) ? query.hide.filter((h) => h !== r.id) : [...query.hide, r.id],
                })
              }
              className="flex items-center gap-1.5 px-2 py-1 aria-[pressed=false]:text-slate-500 aria-[pressed=false]:line-through"
            >
              <span
                aria-hidden
                className="inline-block h-[3px] w-3 rounded"
                style={{ background: colorForIndex(i) }}
              />
              {r.name}
            </button>
            <a
              href={hrefOf(r.id)}
              className="border-l border-slate-300 px-2 py-1 text-sky-700 hover:underline"
              aria-label={`Open ${r.name}`}
            >
              open
            </a>
          </li>
        ))}
      </ul>
      <div className={metrics.length > 1 ? "grid gap-4 lg:grid-cols-2" : "grid gap-4"}>
        {metrics.map((metric, index) => (
          <LineChartPanel
            key={metric}
            title={metric}
            series={seriesOf(metric)}
            axis={query.x}
            smoothing={query.smooth}
            log={query.log}
            // The first panel keeps the name earlier links and tests know.
            fileName={index === 0 ? "compare" : `compare-${metric.replace(/[^\w@-]+/g, "-")}`}
            note={axisNote}
            hiddenKeys={hidden}
            isolate={hover}
            showLegend={false}
            controls={
              metrics.length > 1 ? (
                <button
                  type="button"
                  className="rounded px-1.5 py-0.5 text-xs text-slate-600 hover:bg-slate-100"
                  aria-label={`Remove ${metric}`}
                  onClick={() => {
                    const next = metrics.filter((m) => m !== metric);
                    update({ metrics: next, metric: next[0]! });
                  }}
                >
                  ✕
                </button>
              ) : null
            }
          />
        ))}
      </div>

      <section
        aria-label="Final metrics"
        className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 className="font-medium">Final metrics</h2>
        <table className="mt-2 text-sm">
          <thead>
            <tr>
              <th className="pr-4 text-left">run</th>
              {finalKeys.map((k) => (
                <th key={k} className="pr-4 text-left font-mono font-normal">
                  {k}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {comparison.runs.map((r) => (
              <tr key={r.id}>
                <th scope="row" className="whitespace-nowrap pr-4 text-left font-normal">
                  <a href={hrefOf(r.id)} className="hover:underline">
                    {r.name}
                  </a>
                </th>
                {finalKeys.map((k) => (
                  <td key={k} className="pr-4 tabular-nums">
                    {r.finalMetrics[k] === undefined ? "—" : formatSignificant(r.finalMetrics[k])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <CompareConfig runs={comparison.runs} diff={query.diff} onDiff={(diff) => update({ diff })} />
      <ComparePrompts runs={comparison.runs} hrefOf={hrefOf} />
    </div>
  );
}
