import { connection } from "next/server";
import { notFound } from "next/navigation";
import { LineageView } from "@/components/lineage/lineage-view";
import { requireMember } from "@/lib/auth/page-access";
import { getRunLineage } from "@/lib/data/run-lineage";
import { AppError } from "@/lib/errors";
import type { RunLineage } from "@/lib/lineage/types";

async function loadLineage(id: string): Promise<RunLineage> {
  try {
    const { scope } = await requireMember();
    return await getRunLineage(scope, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function LineagePage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  const lineage = await loadLineage(id);
  return (
    <>
      <h1 className="mb-3 text-lg font-semibold">
        Lineage <span className="font-normal text-slate-500">· {lineage.runName}</span>
      </h1>
      <LineageView lineage={lineage} />
    </>
  );
}
