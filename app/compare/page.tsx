import Link from "next/link";
import { connection } from "next/server";
import { CompareView } from "@/components/compare/compare-view";
import { requireMember } from "@/lib/server/auth/page-access";
import { parseCompareQuery } from "@/lib/view/compare/compare-query";
import { getComparison } from "@/lib/server/read/compare-runs";

export default async function ComparePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const parsed = parseCompareQuery(await searchParams);
  if (!parsed.success) {
    return (
      <p role="alert" className="text-red-700">
        Invalid comparison link:{" "}
        {parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}
      </p>
    );
  }
  const query = parsed.data;
  if (query.runs.length === 0)
    return (
      <p className="text-slate-600">
        No runs picked. Tick two or more runs in the{" "}
        <Link href="/runs" className="text-sky-700 underline">
          runs list
        </Link>{" "}
        and press Compare.
      </p>
    );
  const comparison = await getComparison((await requireMember()).scope, query.runs, query.metrics);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Compare {comparison.runs.length} runs</h1>
      <CompareView query={query} comparison={comparison} />
    </div>
  );
}
