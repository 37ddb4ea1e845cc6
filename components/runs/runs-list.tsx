"use client";

import Link from "next/link";
import { useState } from "react";
import type { RunListPage } from "@/lib/server/read/list-runs";
import { useLiveRunList } from "@/lib/client/live/use-live-run-list";
import { writeRunListQuery, type RunListQuery } from "@/lib/domain/runs/list/list-query";
import { interleaveGroups, type ListItem } from "@/lib/view/runs/run-list-groups";
import { DataTable } from "@/components/table/data-table";
import { buildRunListColumns } from "./run-list-columns";
import { CompareButton, useRunSelection } from "./run-selection";
import { ScrollRegion } from "@/components/table/scroll-region";

export function RunsList({
  query,
  initial,
  editableProjectIds,
}: {
  query: RunListQuery;
  initial: RunListPage;
  /** Projects where the caller is an editor or owner: only their runs get the star and archive buttons. */
  editableProjectIds: readonly string[];
}) {
  const queryString = writeRunListQuery(query);
  const { page, streaming, error } = useLiveRunList(queryString, initial);
  const selection = useRunSelection();
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());

  if (page.total === 0) {
    return (
      <p
        data-testid="no-runs"
        className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-600"
      >
        No runs match.{" "}
        <Link href="/runs/new" className="underline">
          Launch a run
        </Link>{" "}
        or clear the filters.
      </p>
    );
  }
  const items: ListItem<RunListPage["rows"][number]>[] = page.groups
    ? interleaveGroups(page.rows, page.groups, collapsed)
    : page.rows.map((row) => ({ kind: "row", id: row.id, row }));
  const columns = buildRunListColumns({
    query,
    selection,
    canEdit: (run) => editableProjectIds.includes(run.projectId),
    collapse: (id) =>
      setCollapsed((set) => {
        const next = new Set(set);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
  });
  return (
    <div className="space-y-3" data-live={streaming ? "stream" : "poll"}>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          Could not refresh the list: {error.message}
        </p>
      )}
      <div className="flex items-center gap-3 text-sm">
        <span data-testid="run-total">{page.total} runs</span>
        {page.groups && <span data-testid="group-total">in {page.groups.length} groups</span>}
        <CompareButton selection={selection} />
      </div>
      <ScrollRegion label="Runs table">
        <DataTable
          testId="runs-table"
          rowTestId={(item) => (item.kind === "group" ? "group-row" : "run-row")}
          rowClassName={(item) => (item.kind === "group" ? "bg-slate-50" : "")}
          rowAttrs={(item): Record<`data-${string}`, string> =>
            item.kind === "row" ? { "data-run-id": item.row.id } : { "data-group": item.id }
          }
          framed
          rows={items}
          rowKey={(item) => `${item.kind}:${item.id}`}
          columns={columns}
        />
      </ScrollRegion>
      <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
        {page.page > 1 && (
          <Link href={`/runs${writeRunListQuery(query, { page: page.page - 1 })}`}>← Previous</Link>
        )}
        <span>
          Page {page.page} of {page.pageCount}
        </span>
        {page.page < page.pageCount && (
          <Link href={`/runs${writeRunListQuery(query, { page: page.page + 1 })}`}>Next →</Link>
        )}
      </nav>
    </div>
  );
}
