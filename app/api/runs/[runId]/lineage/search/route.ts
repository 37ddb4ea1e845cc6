import type { z } from "zod";
import { searchLineage } from "@/lib/server/read/run-lineage";
import { defineRoute } from "@/lib/server/http/route";
import { lineageSearchQuery } from "@/lib/view/lineage/types";

export const dynamic = "force-dynamic";

/** Pool ids of the run's programs whose principles contain `q` (case-insensitive). */
export const GET = defineRoute<
  "share-or-member",
  typeof lineageSearchQuery,
  z.ZodUndefined,
  { runId: string }
>({ access: "share-or-member", query: lineageSearchQuery }, async ({ params, query, scope }) => ({
  ids: await searchLineage(scope, params.runId, query.q),
}));
