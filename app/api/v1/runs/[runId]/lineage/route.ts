import { defineRoute } from "@/lib/server/http/route";
import { getRunLineage } from "@/lib/server/read/run-lineage";

export const dynamic = "force-dynamic";

/** The run's lineage graph (program summaries and parent → child edges): any member of its project. */
export const GET = defineRoute(
  {
    access: {
      role: "viewer",
      project: ({ params }: { params: { runId: string } }) => ({ runId: params.runId }),
    },
  },
  ({ params, scope }) => getRunLineage(scope, params.runId),
);
