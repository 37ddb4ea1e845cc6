import { groupListQuerySchema } from "@/lib/domain/api-v1/api-v1-schemas";
import { apiGroupLaunchSchema, launchApiGroup, listGroupPage } from "@/lib/server/api-v1/api-groups";
import { getPrisma } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** Groups of runs (experiments) the credential may read, newest first, paged by cursor. */
export const GET = defineRoute({ access: "member", query: groupListQuerySchema }, ({ query, scope }) =>
  listGroupPage(getPrisma(), scope, query),
);

/** Launch a group of runs (seeds × sweep settings) and queue them: editors and owners of the project. */
export const POST = defineRoute(
  {
    access: {
      role: "editor",
      project: ({ body }: { body: { projectId: string } }) => ({ projectId: body.projectId }),
    },
    body: apiGroupLaunchSchema,
  },
  ({ body, caller }) => launchApiGroup(getPrisma(), body, caller.user.id),
);
