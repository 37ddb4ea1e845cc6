import { formatInterval } from "@/lib/view/experiments/format-results";
import type { ResultsTable as Table } from "@/lib/view/experiments/prepare-groups";
import type { MeanInterval } from "@/lib/view/experiments/statistics";
import { ScrollRegion } from "@/components/table/scroll-region";

const KINDS = ["final", "best"] as const;

function bounds(m: MeanInterval | null | undefined): string | undefined {
  if (!m || m.lower === null || m.upper === null) return undefined;
  return `95% interval ${m.lower.toFixed(4)} – ${m.upper.toFixed(4)}, n = ${m.n}`;
}

/** Per group, final and best test Pass@k as mean ± half-width of the 95% t-interval, with n. */
export function ResultsTable({ table }: { table: Table }) {
  if (table.metricKeys.length === 0)
    return <p className="text-sm text-slate-600">No test Pass@k logged by these runs yet.</p>;
  return (
    <ScrollRegion label="Results table">
      <table className="min-w-full text-sm" data-testid="results-table">
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th className="py-2 pr-4 font-medium">Group</th>
            <th className="py-2 pr-4 text-right font-medium">n</th>
            {table.metricKeys.flatMap((key) =>
              KINDS.map((kind) => (
                <th key={`${key}-${kind}`} className="py-2 pr-4 text-right font-medium">
                  {kind} {key.replace(/^testing\//, "")}
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          {table.groups.map((group) => (
            <tr key={group.label} className="border-b border-slate-100">
              <th scope="row" className="py-2 pr-4 text-left font-medium text-slate-900">
                {group.label}
              </th>
              <td className="py-2 pr-4 text-right tabular-nums text-slate-700">{group.runIds.length}</td>
              {table.metricKeys.flatMap((key) =>
                KINDS.map((kind) => {
                  const m = group.metrics[key]?.[kind];
                  return (
                    <td
                      key={`${key}-${kind}`}
                      title={bounds(m)}
                      className="py-2 pr-4 text-right font-mono tabular-nums text-slate-900"
                    >
                      {formatInterval(m)}
                    </td>
                  );
                }),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-600">
        Mean ± half-width of the 95% Student-t interval over runs (each run one unit, n − 1 degrees of
        freedom).
      </p>
    </ScrollRegion>
  );
}

/** Each group against the first, paired by seed: the mean difference and its 95% interval. */
export function DifferencesTable({ table }: { table: Table }) {
  const rows = table.differences.filter((d) => d.difference !== null);
  if (rows.length === 0) return null;
  return (
    <ScrollRegion label="Paired differences">
      <table className="min-w-full text-sm" data-testid="differences-table">
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th className="py-2 pr-4 font-medium">Group − baseline</th>
            <th className="py-2 pr-4 font-medium">Metric</th>
            <th className="py-2 pr-4 text-right font-medium">Mean difference</th>
            <th className="py-2 pr-4 text-right font-medium">95% interval</th>
            <th className="py-2 pr-4 text-right font-medium">Paired seeds</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => {
            const diff = d.difference!;
            return (
              <tr key={`${d.group}-${d.metric}-${d.kind}`} className="border-b border-slate-100">
                <td className="py-2 pr-4 text-slate-900">
                  {d.group} − {d.baseline}
                </td>
                <td className="py-2 pr-4 text-slate-700">
                  {d.kind} {d.metric.replace(/^testing\//, "")}
                </td>
                <td className="py-2 pr-4 text-right font-mono tabular-nums text-slate-900">
                  {diff.mean.toFixed(3)}
                </td>
                <td className="py-2 pr-4 text-right font-mono tabular-nums text-slate-700">
                  {diff.lower === null ? "–" : `${diff.lower.toFixed(3)} – ${diff.upper!.toFixed(3)}`}
                </td>
                <td className="py-2 pr-4 text-right tabular-nums text-slate-700">{diff.n}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
