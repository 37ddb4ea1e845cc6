import { connection } from "next/server";
import { notFound } from "next/navigation";
import { RatingsView } from "@/components/ratings/ratings-view";
import { requireRunView, type RunViewParams } from "@/lib/auth/run-view-access";
import { getRunRatings } from "@/lib/data/run-ratings";
import { AppError } from "@/lib/errors";
import type { RunRatings } from "@/lib/lineage/types";

async function loadRatings({ id, token }: RunViewParams): Promise<RunRatings> {
  try {
    const { scope } = await requireRunView(id, token);
    return await getRunRatings(scope, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
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
