import type { RecentRun } from "@/lib/data/overview";
import { RunStatusBadge } from "./run-status-badge";

const dateFormat = new Intl.DateTimeFormat("en", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

function formatPass1(value: number | null): string {
  return value === null ? "—" : `${(value * 100).toFixed(1)}%`;
}

export function RecentRunsTable({ runs }: { runs: RecentRun[] }) {
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
    <table
      data-testid="recent-runs"
      className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm"
    >
      <thead className="bg-slate-50 text-left text-slate-500">
        <tr>
          <th className="px-4 py-2 font-medium">Run</th>
          <th className="px-4 py-2 font-medium">Project</th>
          <th className="px-4 py-2 font-medium">Status</th>
          <th className="px-4 py-2 font-medium">Mode</th>
          <th className="px-4 py-2 text-right font-medium">Progress</th>
          <th className="px-4 py-2 text-right font-medium">Best test Pass@1</th>
          <th className="px-4 py-2 font-medium">Created (UTC)</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id} className="border-t border-slate-100" data-testid="run-row">
            <td className="px-4 py-2 font-medium">{run.name}</td>
            <td className="px-4 py-2 text-slate-600">{run.projectName}</td>
            <td className="px-4 py-2">
              <RunStatusBadge status={run.status} />
              {run.statusDetail && (
                <span className="ml-2 text-xs text-amber-700" data-testid="run-status-detail">
                  {run.statusDetail}
                </span>
              )}
            </td>
            <td className="px-4 py-2 font-mono text-xs">{run.trainMode}</td>
            <td className="px-4 py-2 text-right tabular-nums">
              {run.currentStep}/{run.totalSteps}
            </td>
            <td className="px-4 py-2 text-right tabular-nums">{formatPass1(run.bestTestPass1)}</td>
            <td className="px-4 py-2 text-slate-600">{dateFormat.format(new Date(run.createdAt))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
