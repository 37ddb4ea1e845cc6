/** Tokens a run sampled (policy and reflection apart) and trained, per step and in all, with the cost estimate. */
import type { RunOverview } from "@/lib/data/run-overview";
import { formatDollars, formatTokens, type UsageCounts } from "@/lib/runs/usage/usage-summary";

function Row({
  label,
  pick,
  usage,
}: {
  label: string;
  pick: (c: UsageCounts) => number;
  usage: RunOverview["usage"];
}) {
  return (
    <tr className="border-t border-slate-100 dark:border-slate-800">
      <th scope="row" className="py-1 pr-4 text-left font-normal text-slate-600 dark:text-slate-400">
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

export function UsagePanel({ overview }: { overview: RunOverview }) {
  const { usage, backends } = overview;
  return (
    <section
      aria-label="Usage"
      className="rounded-lg border border-slate-200 p-4 dark:border-slate-700"
      data-testid="usage-panel"
    >
      <h2 className="font-medium">Usage</h2>
      <p className="mt-1 text-xs text-slate-500">
        policy: {backends.policy ?? "simulator"} · reflection:{" "}
        {backends.reflection ?? backends.policy ?? "simulator"}
      </p>
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
          : " (no prices set on the backends)"}
      </p>
    </section>
  );
}
