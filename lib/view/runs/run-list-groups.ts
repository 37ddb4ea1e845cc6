/**
 * The grouped runs list's rows: a header before each group's first row (its size and metric means come
 * from the server, over the whole filtered list) and the group's rows unless it is collapsed. Pure, so the
 * order, the collapsing and the labels are unit-tested.
 */
import { parseColumnToken } from "@/lib/domain/runs/list/list-columns";

export interface ListGroup {
  key: string | null;
  label: string | null;
  count: number;
  means: Record<string, number | null>;
}

export type ListItem<Row> =
  { kind: "group"; id: string; group: ListGroup; collapsed: boolean } | { kind: "row"; id: string; row: Row };

/** A group's id for the collapse state: its key, or one no key can be for the runs that have none. */
export function groupId(key: string | null): string {
  return key === null ? "\u0000none" : `k:${key}`;
}

/** What a group header says: the experiment's name or the config value, and plain words where there is none. */
export function labelGroup(groupBy: string, group: Pick<ListGroup, "key" | "label">): string {
  const column = parseColumnToken(groupBy);
  if (column?.kind === "config")
    return group.key === null ? `${column.key} not set` : `${column.key} = ${group.label ?? ""}`;
  return group.key === null ? "No experiment" : (group.label ?? "");
}

/**
 * Rows (already ordered group by group by the server) with a header where a new group starts. A group the
 * server left out of its summary (past its cap) still gets a header, counting only this page's rows.
 */
export function interleaveGroups<Row extends { id: string; groupKey: string | null }>(
  rows: readonly Row[],
  groups: readonly ListGroup[],
  collapsed: ReadonlySet<string>,
): ListItem<Row>[] {
  const byId = new Map(groups.map((g) => [groupId(g.key), g]));
  const items: ListItem<Row>[] = [];
  let current: string | undefined;
  for (const row of rows) {
    const id = groupId(row.groupKey);
    if (id !== current) {
      current = id;
      const group = byId.get(id) ?? {
        key: row.groupKey,
        label: row.groupKey,
        count: rows.filter((r) => r.groupKey === row.groupKey).length,
        means: {},
      };
      items.push({ kind: "group", id, group, collapsed: collapsed.has(id) });
    }
    if (!collapsed.has(id)) items.push({ kind: "row", id: row.id, row });
  }
  return items;
}

/** A cell's text: "—" for a value the run does not have, never 0. */
export function formatListValue(token: string, value: number | string | boolean | null | undefined): string {
  if (value === null || value === undefined) return "—";
  if (typeof value !== "number") return String(value);
  const column = parseColumnToken(token);
  if (column?.kind === "fixed" && column.id === "best") return `${(value * 100).toFixed(1)}%`;
  if (column?.kind === "fixed" && column.id === "conservative") return value.toFixed(2);
  if (column?.kind === "config" || Number.isInteger(value)) return String(value);
  return value.toFixed(3);
}
