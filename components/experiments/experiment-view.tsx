import Link from "next/link";
import type { ReactNode } from "react";
import type { ExperimentGroups } from "@/lib/server/read/experiment-groups";
import { GROUP_FORMATS } from "@/lib/domain/experiments/group-format";
import { findVaryingKeys } from "@/lib/view/experiments/prepare-groups";
import { GroupCuration } from "./group-curation";
import { GroupCurveChart } from "./group-curve-chart";
import { DifferencesTable, ResultsTable } from "./results-table";

const EXPORT_LABELS: Record<string, string> = { csv: "CSV", md: "Markdown", tex: "LaTeX" };

/** An experiment's page: how its runs are grouped, the results table, the aggregate curves, its runs. */
export function ExperimentView({ groups, actions }: { groups: ExperimentGroups; actions?: ReactNode }) {
  const { experiment, table } = groups;
  const varying = findVaryingKeys(table.runs);
  const byChoices = ["settings", "experiment", ...varying.filter((k) => k !== table.by)];
  const exportHref = (format: string) =>
    `/api/experiments/${experiment.id}/export?format=${format}&by=${encodeURIComponent(table.by)}`;
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <p className="text-sm text-slate-600">
          <Link href="/runs" className="text-sky-700 underline">
            Runs
          </Link>{" "}
          / experiment
        </p>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{experiment.name}</h1>
        <p className="text-sm text-slate-600">
          {table.runs.length} runs in {table.groups.length} {table.groups.length === 1 ? "group" : "groups"}
          {varying.length > 0 ? `; settings that differ: ${varying.join(", ")}` : ""}
        </p>
        <GroupCuration experiment={experiment} runs={table.runs} />
        {actions}
      </div>

      <form method="get" className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-sm text-slate-700">
          Group by
          <select
            name="by"
            defaultValue={table.by}
            className="rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900"
          >
            {[table.by, ...byChoices.filter((c) => c !== table.by)].map((choice) => (
              <option key={choice} value={choice}>
                {choice === "settings"
                  ? "settings that differ"
                  : choice === "experiment"
                    ? "one group"
                    : choice}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="rounded border border-slate-300 bg-white px-3 py-1 text-sm text-slate-900"
        >
          Apply
        </button>
        <span className="ml-auto flex items-center gap-2 text-sm text-slate-700">
          Export table:
          {GROUP_FORMATS.filter((f) => f !== "json").map((format) => (
            <a key={format} href={exportHref(format)} className="text-sky-700 underline" download>
              {EXPORT_LABELS[format]}
            </a>
          ))}
        </span>
      </form>

      <section className="space-y-2 rounded border border-slate-200 bg-white p-4">
        <h2 className="text-lg font-medium text-slate-900">Results</h2>
        <ResultsTable table={table} />
      </section>

      <section className="space-y-2 rounded border border-slate-200 bg-white p-4">
        <h2 className="text-lg font-medium text-slate-900">Aggregate curves</h2>
        <GroupCurveChart groups={groups.curves} metrics={groups.curveKeys} />
      </section>

      {table.differences.some((d) => d.difference !== null) ? (
        <section className="space-y-2 rounded border border-slate-200 bg-white p-4">
          <h2 className="text-lg font-medium text-slate-900">Paired differences (matched by seed)</h2>
          <DifferencesTable table={table} />
        </section>
      ) : null}

      <section className="space-y-2 rounded border border-slate-200 bg-white p-4">
        <h2 className="text-lg font-medium text-slate-900">Runs</h2>
        <table className="min-w-full text-sm" data-testid="experiment-runs">
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-600">
              <th className="py-2 pr-4 font-medium">Run</th>
              <th className="py-2 pr-4 font-medium">Group</th>
              <th className="py-2 pr-4 text-right font-medium">Seed</th>
              <th className="py-2 pr-4 font-medium">Status</th>
              {table.metricKeys.slice(0, 1).map((key) => (
                <th key={key} className="py-2 pr-4 text-right font-medium">
                  final {key.replace(/^testing\//, "")}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.runs.map((run) => (
              <tr key={run.id} className="border-b border-slate-100">
                <td className="py-2 pr-4">
                  <Link href={`/runs/${run.id}`} className="text-sky-700 underline">
                    {run.name}
                  </Link>
                </td>
                <td className="py-2 pr-4 text-slate-700">{run.group}</td>
                <td className="py-2 pr-4 text-right tabular-nums text-slate-700">{run.seed}</td>
                <td className="py-2 pr-4 text-slate-700">{run.status}</td>
                {table.metricKeys.slice(0, 1).map((key) => (
                  <td key={key} className="py-2 pr-4 text-right font-mono tabular-nums text-slate-900">
                    {run.values[key]?.final.toFixed(3) ?? "–"}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
