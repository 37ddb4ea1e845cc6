import type { Metadata } from "next";
import Link from "next/link";
import { RunListFilters } from "@/components/runs/run-list-filters";
import { RunsList } from "@/components/runs/runs-list";
import { requireMember } from "@/lib/auth/page-access";
import { listRuns } from "@/lib/data/list-runs";
import { parseRunListQuery } from "@/lib/runs/list/list-query";

export const metadata: Metadata = { title: "Runs" };

export default async function RunsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = parseRunListQuery(await searchParams);
  const page = await listRuns((await requireMember()).scope, query);
  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">Runs</h1>
        <span className="flex gap-2">
          <Link
            href="/runs/import"
            className="rounded border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-600"
          >
            Import a run
          </Link>
          <Link
            href="/runs/new"
            className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white dark:bg-slate-100 dark:text-slate-900"
          >
            Launch a run
          </Link>
        </span>
      </div>
      <RunListFilters query={query} />
      <RunsList key={JSON.stringify(query)} query={query} initial={page} />
    </div>
  );
}
