import { groupListQuerySchema } from "@/lib/domain/api-v1/api-v1-schemas";
import { listGroupPage } from "@/lib/server/api-v1/api-groups";
import { getPrisma } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** Groups of runs (experiments) the credential may read, newest first, paged by cursor. */
export const GET = defineRoute({ access: "member", query: groupListQuerySchema }, ({ query, scope }) =>
  listGroupPage(getPrisma(), scope, query),
);
