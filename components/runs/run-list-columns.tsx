"use client";
/**
 * The runs list's columns for the chosen view: select, star, name, the chosen columns (fixed ones, config
 * keys, final metrics) and the row's archive toggle. Group header rows share the columns: the name cell
 * names the group and collapses it, metric cells show the group's mean.
 */
import Link from "next/link";
import type { ReactNode } from "react";
import type { RunListRow } from "@/lib/server/read/list-runs";
import type { Column } from "@/components/table/data-table";
import {
  columnLabel,
  isMetricColumn,
  parseColumnToken,
  sortKeyOfColumn,
} from "@/lib/domain/runs/list/list-columns";
import { writeRunListQuery, type RunListQuery, type RunSortKey } from "@/lib/domain/runs/list/list-query";
import { formatListValue, labelGroup, type ListItem } from "@/lib/view/runs/run-list-groups";
import { RunStatusBadge } from "./run-status-badge";
import { ArchiveToggle, StarToggle } from "./run-curation-buttons";
import type { RunSelection } from "./run-selection";

type Item = ListItem<RunListRow>;

const dateFormat = new Intl.DateTimeFormat("en", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/** A header that links to the list sorted by its key, flipping the direction when already sorted so. */
function sortHeader(
  query: RunListQuery,
  sortKey: string | null,
  label: string,
): Pick<Column<Item>, "header" | "headerAttrs"> {
  if (sortKey === null) return { header: label };
  const active = query.sort === sortKey;
  const dir = active && query.dir === "desc" ? "asc" : "desc";
  return {
    headerAttrs: { "aria-sort": active ? (query.dir === "asc" ? "ascending" : "descending") : "none" },
    header: (
      <Link
        href={`/runs${writeRunListQuery(query, { sort: sortKey as RunSortKey, dir, page: 1 })}`}
        className="hover:underline"
      >
        {label}
        {active ? (query.dir === "asc" ? " ▲" : " ▼") : ""}
      </Link>
    ),
  };
}

function fixedCell(id: string, run: RunListRow): ReactNode {
  switch (id) {
    case "status":
      return (
        <>
          <RunStatusBadge status={run.status} />
          {run.statusDetail && <span className="ml-2 text-xs text-amber-700">{run.statusDetail}</span>}
        </>
      );
    case "mode":
      return run.trainMode;
    case "experiment":
      return run.experiment ? (
        <Link href={`/experiments/${run.experiment.id}`} className="hover:underline">
          {run.experiment.name}
        </Link>
      ) : (
        "—"
      );
    case "backend":
      return run.backend;
    case "dataset":
      return run.dataset;
    case "progress":
      return `${run.currentStep}/${run.totalSteps}`;
    case "best":
      return formatListValue("best", run.bestTestPass1);
    case "conservative":
      return formatListValue("conservative", run.bestConservative);
    case "created":
      // Runs made by the CLI, the API or an import have no creator: the date alone, not a "—" before it.
      return [run.createdBy, dateFormat.format(new Date(run.createdAt))].filter(Boolean).join(" · ");
    case "tags":
      return run.tags.map((t) => (
        <span key={t} className="mr-1 rounded bg-slate-100 px-1.5 py-0.5">
          {t}
        </span>
      ));
    default:
      return null;
  }
}

const FIXED_CLASS: Record<string, string> = {
  mode: "font-mono text-xs",
  backend: "text-xs",
  dataset: "text-xs",
  created: "text-xs text-slate-600",
  tags: "text-xs",
  experiment: "text-xs",
};

function chosenColumn(query: RunListQuery, token: string): Column<Item> {
  const column = parseColumnToken(token);
  const metric = isMetricColumn(token);
  const numeric = metric || column?.kind === "config" || token === "progress";
  return {
    ...sortHeader(query, sortKeyOfColumn(token), columnLabel(token)),
    numeric,
    className:
      column?.kind === "fixed"
        ? FIXED_CLASS[column.id]
        : column?.kind === "config"
          ? "font-mono text-xs"
          : "",
    cellTestId: token === "progress" ? "run-progress" : undefined,
    cell: (item) => {
      if (item.kind === "group")
        return metric ? (
          <span className="font-medium" title={`mean over the group's ${item.group.count} runs`}>
            {formatListValue(token, item.group.means[token])}
          </span>
        ) : null;
      if (column?.kind === "fixed") return fixedCell(column.id, item.row);
      return formatListValue(token, item.row.values[token]);
    },
  };
}

export function buildRunListColumns({
  query,
  selection,
  canEdit,
  collapse,
}: {
  query: RunListQuery;
  selection: RunSelection;
  canEdit: (run: RunListRow) => boolean;
  collapse: (groupId: string) => void;
}): Column<Item>[] {
  const { selected, toggle } = selection;
  return [
    {
      header: <span className="sr-only">Select</span>,
      cell: (item) =>
        item.kind === "row" ? (
          <input
            type="checkbox"
            checked={selected.includes(item.row.id)}
            onChange={() => toggle(item.row.id)}
            aria-label={`Select ${item.row.name}`}
          />
        ) : null,
    },
    {
      header: <span className="sr-only">Starred</span>,
      cell: (item) =>
        item.kind === "row" ? (
          <StarToggle
            runId={item.row.id}
            name={item.row.name}
            starred={item.row.starred}
            canEdit={canEdit(item.row)}
          />
        ) : null,
    },
    {
      ...sortHeader(query, "name", "Run"),
      className: "font-medium",
      cell: (item) => {
        if (item.kind === "group") {
          const label = labelGroup(query.group ?? "experiment", item.group);
          return (
            <button
              type="button"
              data-testid="group-toggle"
              aria-expanded={!item.collapsed}
              onClick={() => collapse(item.id)}
              className="flex items-center gap-1 text-left hover:underline"
            >
              <span aria-hidden>{item.collapsed ? "▸" : "▾"}</span>
              <span>{label}</span>
              <span className="font-normal text-slate-600" data-testid="group-count">
                ({item.group.count} {item.group.count === 1 ? "run" : "runs"})
              </span>
            </button>
          );
        }
        const run = item.row;
        return (
          <Link href={`/runs/${run.id}`} title={run.name} className="block max-w-xs truncate hover:underline">
            {run.name}
            {run.archivedAt && <span className="ml-2 text-xs font-normal text-slate-600">(archived)</span>}
          </Link>
        );
      },
    },
    ...query.cols.map((token) => chosenColumn(query, token)),
    {
      header: <span className="sr-only">Actions</span>,
      cell: (item) =>
        item.kind === "row" && canEdit(item.row) ? (
          <ArchiveToggle runId={item.row.id} name={item.row.name} archived={item.row.archivedAt !== null} />
        ) : null,
    },
  ];
}
