import { connection } from "next/server";
import { RatingsView } from "@/components/ratings/ratings-view";
import { orNotFound } from "@/lib/server/auth/page-access";
import { requireRunView, type RunViewParams } from "@/lib/server/auth/run-view-access";
import { getRunRatings } from "@/lib/server/read/run-ratings";
import type { RunRatings } from "@/lib/view/lineage/types";
import { TruncatedText } from "@/components/text/truncated-text";

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
      <h1 className="mb-3 flex min-w-0 gap-1 text-lg font-semibold">
        <span className="shrink-0">Ratings</span>{" "}
        <span className="shrink-0 font-normal text-slate-500">·</span>
        <TruncatedText text={ratings.runName} className="font-normal text-slate-500" />
      </h1>
      <RatingsView initial={ratings} />
    </>
  );
}
