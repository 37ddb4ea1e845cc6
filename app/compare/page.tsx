import { connection } from "next/server";
import { CompareView } from "@/components/compare/compare-view";
import { requireMember } from "@/lib/auth/page-access";
import { parseCompareQuery } from "@/lib/compare/compare-query";
import { getComparison } from "@/lib/data/compare-runs";

export default async function ComparePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const parsed = parseCompareQuery(await searchParams);
  if (!parsed.success) {
    return (
      <p role="alert" className="text-red-700 dark:text-red-400">
        Invalid comparison link:{" "}
        {parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}
      </p>
    );
  }
  const query = parsed.data;
  if (query.runs.length === 0)
    return <p className="text-slate-500">Pick runs to compare: /compare?runs=id1,id2</p>;
  const comparison = await getComparison((await requireMember()).scope, query.runs, query.metric);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Compare {comparison.runs.length} runs</h1>
      <CompareView query={query} comparison={comparison} />
    </div>
  );
}
