import type { z } from "zod";
import { getProblemSamples, sampleQuerySchema } from "@/lib/server/evaluations/read-samples";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** One problem's samples in the chosen cells (?problem=N&cells=0,3): a per-problem flip side by side. */
export const GET = defineRoute<
  "share-or-member",
  typeof sampleQuerySchema,
  z.ZodUndefined,
  { runId: string; evaluationId: string }
>({ access: "share-or-member", query: sampleQuerySchema }, ({ params, scope, query }) =>
  getProblemSamples(scope, params.runId, params.evaluationId, query),
);
