import { connection } from "next/server";
import { RatingsView } from "@/components/ratings/ratings-view";
import { orNotFound } from "@/lib/auth/page-access";
import { requireRunView, type RunViewParams } from "@/lib/auth/run-view-access";
import { getRunRatings } from "@/lib/data/run-ratings";
import type { RunRatings } from "@/lib/lineage/types";

async function loadRatings({ id, token }: RunViewParams): Promise<RunRatings> {
  return orNotFound(async () => {
    const { scope } = await requireRunView(id, token);
    return await getRunRatings(scope, id);
  });
}

export default async function RatingsPage({ params }: { params: Promise<RunViewParams> }) {
  await connection();
  const ratings = await loadRatings(await params);
  return (
    <>
      <h1 className="mb-3 text-lg font-semibold">
        Ratings <span className="font-normal text-slate-500">· {ratings.runName}</span>
      </h1>
      <RatingsView initial={ratings} />
    </>
  );
}
