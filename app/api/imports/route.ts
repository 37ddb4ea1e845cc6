import { defineRoute } from "@/lib/server/http/route";
import {
  importUploadedArchive,
  importUploadQuerySchema,
  type ImportUploadQuery,
} from "@/lib/server/io/import/import-upload";

export const dynamic = "force-dynamic";

/**
 * Imports a run of the reference script from an uploaded .tar.gz or .zip (the request body): editors
 * and owners of the project. Re-uploading the same experiment adds only the steps not stored yet.
 */
export const POST = defineRoute(
  {
    access: {
      role: "editor",
      project: ({ query }: { query: ImportUploadQuery }) => ({ projectSlug: query.project }),
    },
    query: importUploadQuerySchema,
  },
  ({ request, query, project, caller }) =>
    importUploadedArchive(request.body, {
      projectId: project.projectId,
      actorId: caller.user.id,
      format: query.format,
      ...(query.name ? { name: query.name } : {}),
    }),
);
