/**
 * The runs list's columns as URL tokens: a fixed column by name ("status", "best"), a config key
 * ("config:crossover_prob") or the last logged value of a step metric ("final:testing/Pass@1"). The same
 * tokens name what the list sorts, filters and groups by, so one parser guards every one of them.
 */
import { esplConfigSchema } from "@/lib/espl/config";

export const FIXED_COLUMNS = [
  "status",
  "mode",
  "experiment",
  "backend",
  "dataset",
  "progress",
  "best",
  "conservative",
  "created",
  "tags",
] as const;
export type FixedColumn = (typeof FIXED_COLUMNS)[number];

/** Today's list, so a bare /runs looks as it always did. */
export const DEFAULT_COLUMNS: readonly string[] = [
  "status",
  "mode",
  "backend",
  "dataset",
  "progress",
  "best",
  "conservative",
  "created",
  "tags",
];

export const MAX_COLUMNS = 16;

/** Every key a run's config can hold (the engine's schema), alphabetically for pickers. */
export const CONFIG_KEYS: readonly string[] = Object.keys(esplConfigSchema.shape).sort();
const CONFIG_KEY_SET = new Set(CONFIG_KEYS);

/** Metric keys as the engine logs them ("testing/Pass@1", "rollout/Agg_avg_reward"). */
const METRIC_KEY = /^[A-Za-z0-9_@./\-]{1,100}$/;

export type ListColumn =
  { kind: "fixed"; id: FixedColumn } | { kind: "config"; key: string } | { kind: "final"; key: string };

export function parseColumnToken(token: string): ListColumn | null {
  if ((FIXED_COLUMNS as readonly string[]).includes(token))
    return { kind: "fixed", id: token as FixedColumn };
  const colon = token.indexOf(":");
  if (colon === -1) return null;
  const kind = token.slice(0, colon);
  const key = token.slice(colon + 1);
  if (kind === "config" && CONFIG_KEY_SET.has(key)) return { kind, key };
  if (kind === "final" && METRIC_KEY.test(key)) return { kind, key };
  return null;
}

export function isColumnToken(token: string): boolean {
  return parseColumnToken(token) !== null;
}

export function columnToken(column: ListColumn): string {
  return column.kind === "fixed" ? column.id : `${column.kind}:${column.key}`;
}

const FIXED_LABELS: Record<FixedColumn, string> = {
  status: "Status",
  mode: "Mode",
  experiment: "Experiment",
  backend: "Backend",
  dataset: "Dataset",
  progress: "Progress",
  best: "Best test Pass@1",
  conservative: "Best μ−3σ",
  created: "Created (UTC)",
  tags: "Tags",
};

export function columnLabel(token: string): string {
  const column = parseColumnToken(token);
  if (!column) return token;
  if (column.kind === "fixed") return FIXED_LABELS[column.id];
  return column.kind === "config" ? column.key : `final ${column.key}`;
}

/** Columns whose values are run metrics: they can be compared with numbers and averaged per group. */
export function isMetricColumn(token: string): boolean {
  const column = parseColumnToken(token);
  return (
    column !== null &&
    (column.kind === "final" ||
      (column.kind === "fixed" && (column.id === "best" || column.id === "conservative")))
  );
}

const FIXED_SORT: Partial<Record<FixedColumn, string>> = {
  status: "status",
  progress: "progress",
  best: "bestTestPass1",
  conservative: "bestConservative",
  created: "createdAt",
};

/** The sort key a column's header sorts by: the fixed columns' own keys, else the token itself; null: unsortable. */
export function sortKeyOfColumn(token: string): string | null {
  const column = parseColumnToken(token);
  if (!column) return null;
  return column.kind === "fixed" ? (FIXED_SORT[column.id] ?? null) : token;
}

/** What rows can be filtered on with a comparison: metrics, progress and any config key. */
export function isFilterableColumn(token: string): boolean {
  const column = parseColumnToken(token);
  return column !== null && (column.kind !== "fixed" || isMetricColumn(token) || column.id === "progress");
}

/** What rows can be grouped by: their experiment, or any config key (W&B-style). */
export function isGroupColumn(token: string): boolean {
  const column = parseColumnToken(token);
  return (
    column !== null && (column.kind === "config" || (column.kind === "fixed" && column.id === "experiment"))
  );
}
