import { connection } from "next/server";
import { RunOverviewView } from "@/components/run/run-overview-view";
import { orNotFound } from "@/lib/auth/page-access";
import { requireRunView, type RunViewParams } from "@/lib/auth/run-view-access";
import { getRunOverview, type RunOverview } from "@/lib/data/run-overview";

async function loadOverview({ id, token }: RunViewParams): Promise<RunOverview> {
  return orNotFound(async () => {
    const { scope } = await requireRunView(id, token);
    return await getRunOverview(scope, id);
  });
}

/** Also a share link's overview page (app/s/[token]/runs/[id] re-exports it). */
export default async function RunPage({ params }: { params: Promise<RunViewParams> }) {
  await connection();
  return <RunOverviewView initial={await loadOverview(await params)} />;
}
