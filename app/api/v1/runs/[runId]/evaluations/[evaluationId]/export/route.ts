import { evaluationExportQuerySchema } from "@/lib/domain/evaluations/evaluation-export";
import { openEvaluationDownload } from "@/lib/server/evaluations/export-evaluation";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** An evaluation's grid as a JSON or CSV file, the dashboard's own download: any member of its project. */
export const GET = defineRoute(
  {
    access: {
      role: "viewer",
      project: ({ params }: { params: { runId: string; evaluationId: string } }) => ({ runId: params.runId }),
    },
    query: evaluationExportQuerySchema,
  },
  ({ params, scope, query }) =>
    openEvaluationDownload(scope, params.runId, params.evaluationId, query.format),
);
