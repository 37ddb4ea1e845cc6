import type { z } from "zod";
import { evaluationExportQuerySchema } from "@/lib/domain/evaluations/evaluation-export";
import { openEvaluationDownload } from "@/lib/server/evaluations/export-evaluation";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** An evaluation's grid as a JSON or CSV download: per cell n, every Pass@k, mean reward and its CI. */
export const GET = defineRoute<
  "share-or-member",
  typeof evaluationExportQuerySchema,
  z.ZodUndefined,
  { runId: string; evaluationId: string }
>({ access: "share-or-member", query: evaluationExportQuerySchema }, ({ params, scope, query }) =>
  openEvaluationDownload(scope, params.runId, params.evaluationId, query.format),
);
