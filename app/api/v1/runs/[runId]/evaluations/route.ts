import { evaluationSpecSchema } from "@/lib/domain/evaluations/evaluation-spec";
import { getPrisma } from "@/lib/server/db/client";
import { launchEvaluation } from "@/lib/server/evaluations/create-evaluation";
import { listEvaluations } from "@/lib/server/evaluations/read-evaluations";
import { defineRoute } from "@/lib/server/http/route";
import { getBoss } from "@/lib/server/queue/boss";

export const dynamic = "force-dynamic";

const inRunProject = ({ params }: { params: { runId: string } }) => ({ runId: params.runId });

/** The run's evaluations, newest first: any member of its project. */
export const GET = defineRoute({ access: { role: "viewer", project: inRunProject } }, ({ params, scope }) =>
  listEvaluations(scope, params.runId),
);

/** Launch an evaluation (checkpoints × programs): editors and owners of the run's project. */
export const POST = defineRoute(
  { access: { role: "editor", project: inRunProject }, body: evaluationSpecSchema },
  async ({ body, params }) => launchEvaluation(getPrisma(), await getBoss(), params.runId, body),
);
