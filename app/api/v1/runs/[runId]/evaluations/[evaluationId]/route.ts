import { getEvaluation } from "@/lib/server/evaluations/read-evaluations";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** One evaluation: progress, the grid (checkpoints × programs) and its attribution. */
export const GET = defineRoute(
  {
    access: {
      role: "viewer",
      project: ({ params }: { params: { runId: string; evaluationId: string } }) => ({ runId: params.runId }),
    },
  },
  ({ params, scope }) => getEvaluation(scope, params.runId, params.evaluationId),
);
