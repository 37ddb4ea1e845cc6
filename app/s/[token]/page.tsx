import { connection } from "next/server";
import { redirect } from "next/navigation";
import { CompareView } from "@/components/compare/compare-view";
import { requireSharePage } from "@/lib/server/auth/page-access";
import { parseCompareQuery } from "@/lib/view/compare/compare-query";
import { getComparison } from "@/lib/server/read/compare-runs";

export const metadata = { title: "Shared run", robots: { index: false } };

/**
 * A share link's entry: a link to one run opens that run's views (read-only, under /s/[token]/runs/…);
 * a link to several runs opens their comparison, and nothing else.
 */
export default async function SharedPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const { token } = await params;
  const { scope } = await requireSharePage(token);
  const runIds = scope.runIds ?? [];
  if (runIds.length === 1) redirect(`/s/${token}/runs/${runIds[0]}`);
  const parsed = parseCompareQuery({ ...(await searchParams), runs: runIds.join(",") });
  const query = parsed.success ? parsed.data : parseCompareQuery({ runs: runIds.join(",") }).data!;
  const comparison = await getComparison(scope, query.runs, query.metrics);
  return (
    <div className="space-y-4" data-testid="shared-view">
      <p className="text-sm text-slate-500">
        Shared read-only comparison
        {scope.frozenAtStep !== undefined ? `, as of step ${scope.frozenAtStep}` : ""}.
      </p>
      <h1 className="text-2xl font-semibold tracking-tight">Compare {comparison.runs.length} runs</h1>
      <CompareView query={query} comparison={comparison} />
    </div>
  );
}
