import { getPrisma } from "@/lib/server/db/client";
import { cancelEvaluation } from "@/lib/server/evaluations/create-evaluation";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** Cancel an evaluation; the worker stops before its next cell. Editors and owners. */
export const POST = defineRoute(
  {
    access: {
      role: "editor",
      project: ({ params }: { params: { runId: string; evaluationId: string } }) => ({ runId: params.runId }),
    },
  },
  async ({ params }) => ({
    cancelled: await cancelEvaluation(getPrisma(), params.runId, params.evaluationId),
  }),
);
