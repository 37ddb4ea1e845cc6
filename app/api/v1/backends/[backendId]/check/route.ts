import type { z } from "zod";
import { backendCheckBodySchema, checkApiBackend } from "@/lib/server/api-v1/api-backends";
import { getPrisma } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/**
 * Test one backend's connection: editors and owners of its project (the project is named in the body,
 * as the group control does; a backend outside it is not found). Nothing is stored.
 */
export const POST = defineRoute(
  {
    access: {
      role: "editor",
      project: ({ body }: { body: z.infer<typeof backendCheckBodySchema> }) => ({
        projectId: body.projectId,
      }),
    },
    body: backendCheckBodySchema,
  },
  ({ params, project, request }) =>
    checkApiBackend(
      getPrisma(),
      project.projectId,
      (params as { backendId: string }).backendId,
      request.signal,
    ),
);
