import { evaluationExportQuerySchema } from "@/lib/domain/evaluations/evaluation-export";
import { formatEvaluationExport } from "@/lib/server/evaluations/export-evaluation";
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
  async ({ params, scope, query }) => {
    const file = await formatEvaluationExport(scope, params.runId, params.evaluationId, query.format);
    return new Response(file.text, {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.fileName}"`,
      },
    });
  },
);
