import { stepPageQuerySchema } from "@/lib/domain/api-v1/run-data-schemas";
import { listStepPage } from "@/lib/server/api-v1/api-run-steps";
import { getPrisma } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** A run's steps in order with their metrics, paged by cursor: any member of its project. */
export const GET = defineRoute(
  {
    access: {
      role: "viewer",
      project: ({ params }: { params: { runId: string } }) => ({ runId: params.runId }),
    },
    query: stepPageQuerySchema,
  },
  ({ query, params, scope }) => listStepPage(getPrisma(), scope, params.runId, query),
);
