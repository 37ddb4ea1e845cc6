/**
 * The run overview's panels: one per metric group (rollout, test, optimizer, usage, time), each drawing
 * the metrics the reader picked, kept in the URL as `<group>=key,key` (or `all`) so a link shows the
 * same panels. Without a choice a panel draws its top few metrics (prepare-chart's ranked order).
 */
import { DEFAULT_VISIBLE, pickDefaultSeries, rankMetricKeys } from "./prepare-chart";

export const METRIC_GROUPS = [
  // Titles and file names of the first two are the ones earlier pages (and links to their downloads) used.
  { id: "rollout", title: "Train success", fileName: "train-success", prefix: "rollout/" },
  { id: "test", title: "Test success", fileName: "test-success", prefix: "testing/" },
  { id: "optimizer", title: "Optimizer", fileName: "optimizer", prefix: "optim/" },
  { id: "usage", title: "Usage", fileName: "usage", prefix: "usage/" },
  { id: "time", title: "Time", fileName: "time", prefix: "time/" },
] as const;

export type MetricGroupId = (typeof METRIC_GROUPS)[number]["id"];

/** Whether a logged metric belongs to one of the panels (the overview sends these by default). */
export function isPanelMetric(key: string): boolean {
  return METRIC_GROUPS.some((group) => key.startsWith(group.prefix));
}

export interface MetricPanel {
  id: MetricGroupId;
  title: string;
  /** Download file name and chart test id. */
  fileName: string;
  /** Every metric of the group the run has, in ranked order (the picker's list). */
  available: string[];
  /** What the panel draws. */
  chosen: string[];
  /** Whether the choice is the default (top few), so the panel offers "show all" rather than "top N". */
  isDefault: boolean;
}

/** Panels for the groups the run has metrics of, each with the URL's choice or its default. */
export function preparePanels(metricKeys: readonly string[], params: URLSearchParams): MetricPanel[] {
  return METRIC_GROUPS.flatMap((g) => {
    const available = rankMetricKeys(metricKeys.filter((k) => k.startsWith(g.prefix)));
    if (available.length === 0) return [];
    const raw = params.get(g.id);
    const picked = raw === "all" ? available : raw ? available.filter((k) => raw.split(",").includes(k)) : [];
    const isDefault = picked.length === 0;
    return [
      {
        id: g.id,
        title: g.title,
        fileName: g.fileName,
        available,
        chosen: isDefault ? pickDefaultSeries(available) : picked,
        isDefault,
      },
    ];
  });
}

/**
 * Writes one panel's choice: null (or the default set) removes the parameter; every available metric
 * becomes `all` so the link stays short.
 */
export function writePanelChoice(
  params: URLSearchParams,
  panel: Pick<MetricPanel, "id" | "available">,
  choice: readonly string[] | null,
): URLSearchParams {
  const ordered = choice ? panel.available.filter((k) => choice.includes(k)) : null;
  const isDefault =
    !ordered ||
    ordered.length === 0 ||
    (ordered.length === Math.min(DEFAULT_VISIBLE, panel.available.length) &&
      ordered.every((k, i) => k === pickDefaultSeries(panel.available)[i]));
  if (isDefault) params.delete(panel.id);
  else if (ordered.length === panel.available.length) params.set(panel.id, "all");
  else params.set(panel.id, ordered.join(","));
  return params;
}
