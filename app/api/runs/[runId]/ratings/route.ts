import type { z } from "zod";
import { getRatingsSelection } from "@/lib/server/read/run-ratings";
import { defineRoute } from "@/lib/server/http/route";
import { ratingsQuery } from "@/lib/view/lineage/types";

export const dynamic = "force-dynamic";

/** μ/σ histories of chosen programs and a window of the rank strip, for the ratings view's refetches. */
export const GET = defineRoute<"share-or-member", typeof ratingsQuery, z.ZodUndefined, { runId: string }>(
  { access: "share-or-member", query: ratingsQuery },
  ({ params, query, scope }) => getRatingsSelection(scope, params.runId, query),
);
