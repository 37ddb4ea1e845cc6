import { getCurrentScope } from "@/lib/auth/current-scope";
import { listRuns } from "@/lib/data/list-runs";
import { defineRoute } from "@/lib/http/route";
import { runListQuerySchema } from "@/lib/runs/list/list-query";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ access: "public", query: runListQuerySchema }, async ({ query }) =>
  listRuns(await getCurrentScope(), query),
);
