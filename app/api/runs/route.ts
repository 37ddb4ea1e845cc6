import { listRuns } from "@/lib/server/read/list-runs";
import { defineRoute } from "@/lib/server/http/route";
import { groupSearchParams, parseRunListQuery } from "@/lib/domain/runs/list/list-query";

export const dynamic = "force-dynamic";

/**
 * One page of the runs list, for the list's live refetches: the caller's projects only. The view is parsed
 * here rather than by the wrapper because its column filters repeat a key (`where=…&where=…`).
 */
export const GET = defineRoute({ access: "member" }, ({ request, scope }) =>
  listRuns(scope, parseRunListQuery(groupSearchParams(request.nextUrl.searchParams))),
);
