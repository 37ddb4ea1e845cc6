import type { z } from "zod";
import { getRatingsAt } from "@/lib/server/read/ratings-at";
import { defineRoute } from "@/lib/server/http/route";
import { ratingsAtQuery } from "@/lib/view/lineage/replay";

export const dynamic = "force-dynamic";

/** Every program's rating as it stood after a step, for the lineage and leaderboard replay. */
export const GET = defineRoute<"share-or-member", typeof ratingsAtQuery, z.ZodUndefined, { runId: string }>(
  { access: "share-or-member", query: ratingsAtQuery },
  ({ params, query, scope }) => getRatingsAt(scope, params.runId, query.step),
);
