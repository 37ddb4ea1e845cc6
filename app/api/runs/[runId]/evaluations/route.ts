import type { z } from "zod";
import { evaluationSpecSchema } from "@/lib/domain/evaluations/evaluation-spec";
import { getPrisma } from "@/lib/server/db/client";
import { launchEvaluation } from "@/lib/server/evaluations/create-evaluation";
import { listEvaluations } from "@/lib/server/evaluations/read-evaluations";
import { defineRoute } from "@/lib/server/http/route";
import { getBoss } from "@/lib/server/queue/boss";

export const dynamic = "force-dynamic";

/** The run's evaluations, newest first, with status, progress and ETA. */
export const GET = defineRoute<"share-or-member", z.ZodUndefined, z.ZodUndefined, { runId: string }>(
  { access: "share-or-member" },
  ({ params, scope }) => listEvaluations(scope, params.runId),
);

/** Launch an evaluation (checkpoints × programs): editors and owners of the run's project. */
export const POST = defineRoute(
  {
    access: {
      role: "editor",
      project: ({ params }: { params: { runId: string } }) => ({ runId: params.runId }),
    },
    body: evaluationSpecSchema,
  },
  async ({ body, params }) => launchEvaluation(getPrisma(), await getBoss(), params.runId, body),
);
