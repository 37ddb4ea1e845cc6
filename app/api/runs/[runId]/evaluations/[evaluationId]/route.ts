import type { z } from "zod";
import { getEvaluation } from "@/lib/server/evaluations/read-evaluations";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** One evaluation: progress, the grid (checkpoints × programs) and its attribution. */
export const GET = defineRoute<
  "share-or-member",
  z.ZodUndefined,
  z.ZodUndefined,
  { runId: string; evaluationId: string }
>({ access: "share-or-member" }, ({ params, scope }) =>
  getEvaluation(scope, params.runId, params.evaluationId),
);
