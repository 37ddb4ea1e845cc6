import { connection } from "next/server";
import { RunOverviewView } from "@/components/run/run-overview-view";
import { orNotFound } from "@/lib/server/auth/page-access";
import { requireRunView, type RunViewParams } from "@/lib/server/auth/run-view-access";
import type { RunOverview } from "@/lib/server/read/run-overview";
import { readRunOverview } from "@/lib/server/read/run-overview-cache";
import { readRunCuration, type RunCuration } from "@/lib/server/read/run-curation";
import { OVERVIEW_POINTS } from "@/lib/domain/runs/overview-query";
import { encodeOverview } from "@/lib/view/runs/overview-wire";

async function loadOverview({
  id,
  token,
}: RunViewParams): Promise<{ overview: RunOverview; curation: RunCuration | null }> {
  return orNotFound(async () => {
    const { scope, view } = await requireRunView(id, token);
    const [overview, curation] = await Promise.all([
      readRunOverview(scope, id, { points: OVERVIEW_POINTS }),
      // Members only: a share link's viewers see neither the notes nor the editing.
      view.readOnly ? null : readRunCuration(scope, id),
    ]);
    return { overview, curation };
  });
}

/** Also a share link's overview page (app/s/[token]/runs/[id] re-exports it). */
export default async function RunPage({ params }: { params: Promise<RunViewParams> }) {
  await connection();
  const { overview, curation } = await loadOverview(await params);
  return <RunOverviewView initial={encodeOverview(overview)} curation={curation} />;
}
