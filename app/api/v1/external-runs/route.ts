import type { z } from "zod";
import { externalRunCreateSchema } from "@/lib/domain/api-v1/external-run-schemas";
import { createExternalRun } from "@/lib/server/api-v1/external-runs";
import { getPrisma } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** Create a run that a script outside the studio logs into: editors and owners of the project. */
export const POST = defineRoute(
  {
    access: {
      role: "editor",
      project: ({ body }: { body: z.infer<typeof externalRunCreateSchema> }) => ({
        projectId: body.projectId,
      }),
    },
    body: externalRunCreateSchema,
  },
  ({ body, caller }) => createExternalRun(getPrisma(), body, caller.user.id),
);
