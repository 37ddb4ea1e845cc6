"use client";
import { GroupCurveChart } from "@/components/experiments/group-curve-chart";
import type { Comparison } from "@/lib/server/read/compare-runs";
import { groupComparedRuns } from "@/lib/view/compare/group-compared-runs";
import { formatInterval } from "@/lib/view/experiments/format-results";
import { findVaryingKeys } from "@/lib/view/experiments/prepare-groups";
import { ScrollRegion } from "@/components/table/scroll-region";

/** The config keys that differ between the compared runs: what grouping by a key can split on. */
export function listGroupKeys(comparison: Comparison): string[] {
  return findVaryingKeys(
    comparison.runs.map((r) => ({
      id: r.id,
      name: r.name,
      seed: 0,
      status: r.status,
      config: (r.config ?? {}) as Record<string, unknown>,
    })),
  );
}

/** "Group runs by": none, their experiment, or a config key that differs between them. */
export function GroupBySelect({
  value,
  keys,
  hasExperiments,
  onChange,
}: {
  value: string | undefined;
  keys: string[];
  hasExperiments: boolean;
  onChange: (group: string | undefined) => void;
}) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      Group runs by
      <select
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900"
      >
        <option value="">no grouping</option>
        {hasExperiments || value === "experiment" ? <option value="experiment">experiment</option> : null}
        {value === "settings" || keys.length > 1 ? (
          <option value="settings">every setting that differs</option>
        ) : null}
        {[
          ...new Set([...keys, ...(value && value !== "experiment" && value !== "settings" ? [value] : [])]),
        ].map((key) => (
          <option key={key} value={key}>
            {key}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Per group: the mean curve with its 95% t-band (runs faint) and the final metrics as mean ± interval. */
export function CompareGroups({
  comparison,
  by,
  finalKeys,
}: {
  comparison: Comparison;
  by: string;
  finalKeys: string[];
}) {
  const { groups, curves } = groupComparedRuns(
    comparison.runs,
    by,
    comparison.metrics,
    finalKeys,
    comparison.bucketWidth,
  );
  return (
    <section
      aria-labelledby="compare-groups-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="compare-groups"
    >
      <h2 id="compare-groups-heading" className="font-medium">
        Groups: mean with 95% t-interval over runs (by step)
      </h2>
      <GroupCurveChart groups={curves} metrics={comparison.metrics} />
      <ScrollRegion label="Groups table">
        <table className="text-sm" data-testid="compare-groups-table">
          <thead>
            <tr>
              <th className="pr-4 text-left">group</th>
              <th className="pr-4 text-right">n</th>
              {finalKeys.map((k) => (
                <th key={k} className="pr-4 text-right font-mono font-normal">
                  final {k}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.label}>
                <th scope="row" className="whitespace-nowrap pr-4 text-left font-normal">
                  {g.label}
                </th>
                <td className="pr-4 text-right tabular-nums">{g.runIds.length}</td>
                {finalKeys.map((k) => (
                  <td key={k} className="pr-4 text-right font-mono tabular-nums">
                    {formatInterval(g.finals[k])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
