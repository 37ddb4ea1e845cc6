import { connection } from "next/server";
import { notFound } from "next/navigation";
import { RunOverviewView } from "@/components/run/run-overview-view";
import { requireRunView, type RunViewParams } from "@/lib/auth/run-view-access";
import { getRunOverview, type RunOverview } from "@/lib/data/run-overview";
import { AppError } from "@/lib/errors";

async function loadOverview({ id, token }: RunViewParams): Promise<RunOverview> {
  try {
    const { scope } = await requireRunView(id, token);
    return await getRunOverview(scope, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

/** Also a share link's overview page (app/s/[token]/runs/[id] re-exports it). */
export default async function RunPage({ params }: { params: Promise<RunViewParams> }) {
  await connection();
  return <RunOverviewView initial={await loadOverview(await params)} />;
}
