import type { Metadata } from "next";
import Link from "next/link";
import { RunColumnFilters } from "@/components/runs/run-column-filters";
import { RunColumnPicker } from "@/components/runs/run-column-picker";
import { RunListFilters } from "@/components/runs/run-list-filters";
import { RunsList } from "@/components/runs/runs-list";
import { hasRole } from "@/lib/server/auth/access";
import { requireMember } from "@/lib/server/auth/page-access";
import { listRuns } from "@/lib/server/read/list-runs";
import { listRunListChoices } from "@/lib/server/read/run-list-choices";
import { parseRunListQuery } from "@/lib/domain/runs/list/list-query";

export const metadata: Metadata = { title: "Runs" };

export default async function RunsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = parseRunListQuery(await searchParams);
  const { caller, scope } = await requireMember();
  const [page, choices] = await Promise.all([listRuns(scope, query), listRunListChoices(scope)]);
  const editable = caller.memberships.filter((m) => hasRole(m.role, "editor")).map((m) => m.projectId);
  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">Runs</h1>
        <span className="flex gap-2">
          <Link href="/runs/import" className="rounded border border-slate-300 px-3 py-1.5 text-sm">
            Import a run
          </Link>
          <Link href="/runs/new" className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white">
            Launch a run
          </Link>
        </span>
      </div>
      <div className="space-y-3">
        <RunListFilters query={query} configKeys={choices.configKeys} />
        <div className="flex flex-wrap items-end gap-3">
          <RunColumnPicker query={query} {...choices} />
          <RunColumnFilters query={query} {...choices} />
        </div>
      </div>
      <RunsList key={JSON.stringify(query)} query={query} initial={page} editableProjectIds={editable} />
    </div>
  );
}
