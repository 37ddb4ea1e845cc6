import { externalStepSchema } from "@/lib/domain/api-v1/external-run-schemas";
import { appendExternalStep } from "@/lib/server/api-v1/external-runs";
import { getPrisma } from "@/lib/server/db/client";
import { getPgPool } from "@/lib/server/db/pg-pool";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** Append one step to an external run; a step number already stored changes nothing. */
export const POST = defineRoute(
  {
    access: {
      role: "editor",
      project: ({ params }: { params: { runId: string } }) => ({ runId: params.runId }),
    },
    body: externalStepSchema,
  },
  ({ body, params, scope }) =>
    appendExternalStep({ prisma: getPrisma(), pool: getPgPool() }, scope, params.runId, body),
);
