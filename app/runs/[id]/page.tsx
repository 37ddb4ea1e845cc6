import { connection } from "next/server";
import { notFound } from "next/navigation";
import { RunOverviewView } from "@/components/run/run-overview-view";
import { requireMember } from "@/lib/auth/page-access";
import { getRunOverview, type RunOverview } from "@/lib/data/run-overview";
import { AppError } from "@/lib/errors";

async function loadOverview(id: string): Promise<RunOverview> {
  try {
    const { scope } = await requireMember();
    return await getRunOverview(scope, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  return <RunOverviewView initial={await loadOverview(id)} />;
}
