import type { z } from "zod";
import { evaluationExportQuerySchema } from "@/lib/domain/evaluations/evaluation-export";
import { formatEvaluationExport } from "@/lib/server/evaluations/export-evaluation";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** An evaluation's grid as a JSON or CSV download: per cell n, every Pass@k, mean reward and its CI. */
export const GET = defineRoute<
  "share-or-member",
  typeof evaluationExportQuerySchema,
  z.ZodUndefined,
  { runId: string; evaluationId: string }
>({ access: "share-or-member", query: evaluationExportQuerySchema }, async ({ params, scope, query }) => {
  const file = await formatEvaluationExport(scope, params.runId, params.evaluationId, query.format);
  return new Response(file.text, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.fileName}"`,
    },
  });
});
