/**
 * Tokens a run sampled (policy and reflection apart) and trained, per step and in all, with the cost
 * estimate. A count the run did not record reads "not recorded", never 0.
 */
import type { RunOverview } from "@/lib/server/read/run-overview";
import { formatDollars, formatTokens, type ShownCounts } from "@/lib/domain/runs/usage/usage-summary";

function Row({
  label,
  pick,
  usage,
}: {
  label: string;
  pick: (c: ShownCounts) => number | null;
  usage: RunOverview["usage"];
}) {
  return (
    <tr className="border-t border-slate-100">
      <th scope="row" className="py-1 pr-4 text-left font-normal text-slate-600">
        {label}
      </th>
      <td className="py-1 pr-4 text-right tabular-nums">
        {usage.last ? formatTokens(pick(usage.last)) : "—"}
      </td>
      <td className="py-1 pr-4 text-right tabular-nums">
        {usage.perStep ? formatTokens(pick(usage.perStep)) : "—"}
      </td>
      <td className="py-1 text-right tabular-nums">{formatTokens(pick(usage.total))}</td>
    </tr>
  );
}

/** Why there is no cost: counts not recorded, or no prices to apply to them. */
function missingCostReason(usage: RunOverview["usage"]): string {
  const t = usage.total;
  const counts = [
    t.policyPromptTokens,
    t.policyCompletionTokens,
    t.reflectionPromptTokens,
    t.reflectionCompletionTokens,
  ];
  return counts.some((c) => c === null) ? "not recorded" : "no prices set on the backends";
}

export function UsagePanel({ overview }: { overview: RunOverview }) {
  const { usage, backends } = overview;
  const { provenance } = overview.run;
  // An imported run was sampled by the reference script's service, not by any backend of ours.
  const backendLine =
    provenance.source === "imported"
      ? `policy and reflection: ${provenance.backend ?? "not recorded"} (the reference script's)`
      : `policy: ${backends.policy ?? "simulator"} · reflection: ${backends.reflection ?? backends.policy ?? "simulator"}`;
  return (
    <section aria-label="Usage" className="rounded-lg border border-slate-200 p-4" data-testid="usage-panel">
      <h2 className="font-medium">Usage</h2>
      <p className="mt-1 text-xs text-slate-500">{backendLine}</p>
      <table className="mt-2 w-full text-sm">
        <thead>
          <tr className="text-xs text-slate-500">
            <th className="text-left font-normal">tokens</th>
            <th className="pr-4 text-right font-normal">last step</th>
            <th className="pr-4 text-right font-normal">per step</th>
            <th className="text-right font-normal">run</th>
          </tr>
        </thead>
        <tbody>
          <Row label="policy prompt" pick={(c) => c.policyPromptTokens} usage={usage} />
          <Row label="policy completion" pick={(c) => c.policyCompletionTokens} usage={usage} />
          <Row label="reflection prompt" pick={(c) => c.reflectionPromptTokens} usage={usage} />
          <Row label="reflection completion" pick={(c) => c.reflectionCompletionTokens} usage={usage} />
          <Row label="reflection calls" pick={(c) => c.reflectionCalls} usage={usage} />
          <Row label="trained" pick={(c) => c.trainTokens} usage={usage} />
        </tbody>
      </table>
      <p className="mt-2 text-sm" data-testid="usage-cost">
        Estimated cost: {formatDollars(usage.cost.total)}
        {usage.cost.total !== null
          ? ` (policy ${formatDollars(usage.cost.policy)}, reflection ${formatDollars(usage.cost.reflection)})`
          : ` (${missingCostReason(usage)})`}
      </p>
    </section>
  );
}
