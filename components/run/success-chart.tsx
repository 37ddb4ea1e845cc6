"use client";
import { MetricPicker } from "@/components/charts/metric-picker";
import { LineChartPanel } from "@/components/charts/line-chart-panel";
import type { AxisPositions } from "@/lib/view/charts/axis-positions";
import type { ChartQuery } from "@/lib/view/charts/chart-query";
import type { Bucket } from "@/lib/view/charts/downsample";
import type { MetricPanel } from "@/lib/view/charts/metric-panels";
import {
  DEFAULT_VISIBLE,
  attachProgramBand,
  programBandKeys,
  type ChartSeries,
} from "@/lib/view/charts/prepare-chart";
import { prepareCurve, type Marker } from "@/lib/view/charts/prepare-curves";
import { colorForIndex } from "@/lib/view/charts/series-colors";

/** A metric's name inside its panel: the group prefix is the panel's title already. */
const shortName = (key: string) => key.slice(key.indexOf("/") + 1);

/**
 * One metric group's panel on the run overview: the chosen metrics of the group, each coloured by its
 * place in the group (stable whatever is chosen), with a picker and a "show all / top 5" switch.
 */
export function SuccessChart({
  panel,
  series,
  allKeys,
  chart,
  positions,
  markers,
  note,
  onChoose,
}: {
  panel: MetricPanel;
  series: Record<string, Bucket[]>;
  allKeys: readonly string[];
  chart: ChartQuery;
  positions: AxisPositions;
  markers: readonly Marker[];
  note: string | null;
  /** A new choice of metrics; null goes back to the default top few. */
  onChoose: (chosen: string[] | null) => void;
}) {
  const drawn: ChartSeries[] = panel.chosen.map((key) => {
    const curve = prepareCurve(key, series[key] ?? [], chart.x, chart.smooth, positions);
    const edges = chart.band ? programBandKeys(key, allKeys) : null;
    const withBand = edges
      ? attachProgramBand(curve, series[edges.min] ?? [], series[edges.max] ?? [])
      : curve;
    return { ...withBand, label: shortName(key), color: colorForIndex(panel.available.indexOf(key)) };
  });
  const more = panel.available.length > DEFAULT_VISIBLE;
  return (
    <LineChartPanel
      title={panel.title}
      series={drawn}
      axis={chart.x}
      smoothing={chart.smooth}
      log={chart.log}
      fileName={panel.fileName}
      markers={markers}
      note={note}
      emptyText={panel.chosen.length === 0 ? "No metric picked." : "No committed steps yet."}
      controls={
        <MetricPicker
          title={panel.title}
          available={panel.available}
          chosen={panel.chosen}
          labelOf={shortName}
          onChange={(chosen) => onChoose(chosen)}
        />
      }
      legendFooter={
        more ? (
          <button
            type="button"
            className="shrink-0 whitespace-nowrap rounded px-1.5 py-0.5 text-sky-700 underline hover:bg-slate-100"
            onClick={() => onChoose(panel.isDefault ? panel.available : null)}
          >
            {panel.isDefault ? `show all ${panel.available.length}` : `top ${DEFAULT_VISIBLE}`}
          </button>
        ) : null
      }
    />
  );
}
