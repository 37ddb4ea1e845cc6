import { connection } from "next/server";
import { LineageView } from "@/components/lineage/lineage-view";
import { orNotFound } from "@/lib/server/auth/page-access";
import { requireRunView, type RunViewParams } from "@/lib/server/auth/run-view-access";
import { getRunLineage } from "@/lib/server/read/run-lineage";
import type { RunLineage } from "@/lib/view/lineage/types";

async function loadLineage({ id, token }: RunViewParams): Promise<RunLineage> {
  return orNotFound(async () => {
    const { scope } = await requireRunView(id, token);
    return await getRunLineage(scope, id);
  });
}

export default async function LineagePage({ params }: { params: Promise<RunViewParams> }) {
  await connection();
  const lineage = await loadLineage(await params);
  return (
    <>
      <h1 className="mb-3 text-lg font-semibold">
        Lineage <span className="font-normal text-slate-500">· {lineage.runName}</span>
      </h1>
      <LineageView lineage={lineage} />
    </>
  );
}
