import { programPageQuerySchema } from "@/lib/domain/api-v1/run-data-schemas";
import { listProgramPage } from "@/lib/server/api-v1/api-programs";
import { getPrisma } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** A run's programs by pool id, with principles, rating and parents: any member of its project. */
export const GET = defineRoute(
  {
    access: {
      role: "viewer",
      project: ({ params }: { params: { runId: string } }) => ({ runId: params.runId }),
    },
    query: programPageQuerySchema,
  },
  ({ query, params, scope }) => listProgramPage(getPrisma(), scope, params.runId, query),
);
