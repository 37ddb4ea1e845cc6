import { externalRunFinishSchema } from "@/lib/domain/api-v1/external-run-schemas";
import { finishExternalRun } from "@/lib/server/api-v1/external-runs";
import { getPrisma } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** Mark an external run completed or failed; the same finish sent again is answered the same. */
export const POST = defineRoute(
  {
    access: {
      role: "editor",
      project: ({ params }: { params: { runId: string } }) => ({ runId: params.runId }),
    },
    body: externalRunFinishSchema,
  },
  ({ body, params, scope }) => finishExternalRun(getPrisma(), scope, params.runId, body),
);
