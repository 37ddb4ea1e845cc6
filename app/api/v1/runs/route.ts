import type { z } from "zod";
import { runPageQuerySchema } from "@/lib/domain/api-v1/api-v1-schemas";
import { apiCreateRunSchema, launchApiRun, listRunPage } from "@/lib/server/api-v1/api-runs";
import { getPrisma } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** Runs the credential may read, newest first, paged by cursor. */
export const GET = defineRoute({ access: "member", query: runPageQuerySchema }, ({ query, scope }) =>
  listRunPage(getPrisma(), scope, query),
);

/** Create a run and queue it: editors and owners of the project. */
export const POST = defineRoute(
  {
    access: {
      role: "editor",
      project: ({ body }: { body: z.infer<typeof apiCreateRunSchema> }) => ({ projectId: body.projectId }),
    },
    body: apiCreateRunSchema,
  },
  ({ body, caller }) => launchApiRun(getPrisma(), body, caller.user.id),
);
