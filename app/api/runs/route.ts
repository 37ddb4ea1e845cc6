import { listRuns } from "@/lib/data/list-runs";
import { defineRoute } from "@/lib/http/route";
import { runListQuerySchema } from "@/lib/runs/list/list-query";

export const dynamic = "force-dynamic";

/** One page of the runs list, for the list's live refetches: the caller's projects only. */
export const GET = defineRoute({ access: "member", query: runListQuerySchema }, ({ query, scope }) =>
  listRuns(scope, query),
);
