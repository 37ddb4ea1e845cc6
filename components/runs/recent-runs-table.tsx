"use client";
import Link from "next/link";
import type { RecentRun } from "@/lib/server/read/overview";
import { DataTable, type Column } from "@/components/table/data-table";
import { RunStatusBadge } from "./run-status-badge";
import { CompareButton, selectColumn, useRunSelection, type RunSelection } from "./run-selection";

const dateFormat = new Intl.DateTimeFormat("en", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

function formatPass1(value: number | null): string {
  return value === null ? "—" : `${(value * 100).toFixed(1)}%`;
}

export function RecentRunsTable({ runs }: { runs: RecentRun[] }) {
  const selection = useRunSelection();
  if (runs.length === 0) {
    return (
      <p
        data-testid="no-runs"
        className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-500"
      >
        No runs yet. Launch one to see its success curves, prompt lineage and ratings here.
      </p>
    );
  }
  return (
    <div className="space-y-2">
      <div className="flex justify-end">
        <CompareButton selection={selection} />
      </div>
      <DataTable
        testId="recent-runs"
        rowTestId="run-row"
        framed
        density="roomy"
        rows={runs}
        rowKey={(run) => run.id}
        columns={columnsFor(selection)}
      />
    </div>
  );
}

function columnsFor(selection: RunSelection): Column<RecentRun>[] {
  return [
    selectColumn<RecentRun>(selection),
    {
      header: "Run",
      className: "font-medium",
      cell: (run) => (
        <Link href={`/runs/${run.id}`} title={run.name} className="block max-w-xs truncate hover:underline">
          {run.name}
        </Link>
      ),
    },
    { header: "Project", className: "text-slate-600", cell: (run) => run.projectName },
    {
      header: "Status",
      cell: (run) => (
        <>
          <RunStatusBadge status={run.status} />
          {run.statusDetail && (
            <span className="ml-2 text-xs text-amber-700" data-testid="run-status-detail">
              {run.statusDetail}
            </span>
          )}
        </>
      ),
    },
    { header: "Mode", className: "font-mono text-xs", cell: (run) => run.trainMode },
    { header: "Progress", numeric: true, cell: (run) => `${run.currentStep}/${run.totalSteps}` },
    { header: "Best test Pass@1", numeric: true, cell: (run) => formatPass1(run.bestTestPass1) },
    {
      header: "Created (UTC)",
      className: "text-slate-600",
      cell: (run) => dateFormat.format(new Date(run.createdAt)),
    },
  ];
}
