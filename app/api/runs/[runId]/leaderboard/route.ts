import type { z } from "zod";
import { getRunRatings } from "@/lib/server/read/run-ratings";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/**
 * The ratings view's page data: the leaderboard of every program with the default selection (top 5 by
 * μ − 3σ, the last strip window), for its live refetches. Other selections come from ../ratings.
 */
export const GET = defineRoute<"share-or-member", z.ZodUndefined, z.ZodUndefined, { runId: string }>(
  { access: "share-or-member" },
  ({ params, scope }) => getRunRatings(scope, params.runId),
);
