"use client";

import type { Overview } from "@/lib/server/read/overview";
import { useLiveOverview } from "@/lib/client/live/use-live-overview";
import { RecentRunsTable } from "./recent-runs-table";
import { StatusCounts } from "./status-counts";

export function LiveOverview({ initial }: { initial: Overview }) {
  const { overview, streaming } = useLiveOverview(initial);
  return (
    <div className="space-y-8" data-live={streaming ? "stream" : "poll"}>
      <StatusCounts counts={overview.runCounts} />
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Recent runs</h2>
        <RecentRunsTable runs={overview.recentRuns} />
      </section>
    </div>
  );
}
