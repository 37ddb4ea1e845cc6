import { connection } from "next/server";
import { RecentRunsTable } from "@/components/runs/recent-runs-table";
import { StatusCounts } from "@/components/runs/status-counts";
import { getOverview } from "@/lib/data/overview";

export default async function HomePage() {
  await connection();
  const overview = await getOverview();
  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
        <p className="mt-1 text-slate-600">
          {overview.projectCount} {overview.projectCount === 1 ? "project" : "projects"}
        </p>
      </section>
      <StatusCounts counts={overview.runCounts} />
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Recent runs</h2>
        <RecentRunsTable runs={overview.recentRuns} />
      </section>
    </div>
  );
}
