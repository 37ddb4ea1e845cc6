import { connection } from "next/server";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { requireSharePage } from "@/lib/auth/page-access";
import { getRunSummaries } from "@/lib/data/run-summary";

export const metadata = { title: "Shared run", robots: { index: false } };

/** A share link's read-only view: only the runs it names (as of its frozen step), no controls. */
export default async function SharedRunPage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const { scope } = await requireSharePage(token);
  const runs = await getRunSummaries(scope);
  return (
    <div className="space-y-8" data-testid="shared-view">
      <p className="text-sm text-slate-500">
        Shared read-only view{scope.frozenAtStep !== undefined ? `, as of step ${scope.frozenAtStep}` : ""}.
      </p>
      {runs.map((run) => {
        const keys = [...new Set(run.steps.flatMap((s) => Object.keys(s.metrics)))].sort().slice(0, 8);
        return (
          <section key={run.id} className="space-y-3" data-testid="shared-run">
            <h1 className="text-2xl font-semibold tracking-tight">{run.name}</h1>
            <p className="flex items-center gap-3 text-sm">
              <RunStatusBadge status={run.status} />
              <span className="tabular-nums" data-testid="shared-progress">
                {run.currentStep}/{run.totalSteps}
              </span>
              <span className="font-mono text-xs">{run.trainMode}</span>
            </p>
            <table
              className="w-full rounded border border-slate-200 bg-white text-xs"
              data-testid="shared-steps"
            >
              <thead className="bg-slate-50 text-left">
                <tr>
                  <th className="px-2 py-1">step</th>
                  {keys.map((k) => (
                    <th key={k} className="px-2 py-1 font-mono">
                      {k}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {run.steps.map((s) => (
                  <tr key={s.step} className="border-t border-slate-100">
                    <td className="px-2 py-1 tabular-nums">{s.step}</td>
                    {keys.map((k) => (
                      <td key={k} className="px-2 py-1 tabular-nums">
                        {typeof s.metrics[k] === "number" ? (s.metrics[k] as number).toFixed(3) : "—"}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}
