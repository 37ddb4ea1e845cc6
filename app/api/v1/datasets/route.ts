import { datasetUploadQuerySchema, type DatasetUploadQuery } from "@/lib/domain/datasets/import-input";
import { datasetPageQuerySchema } from "@/lib/domain/api-v1/run-data-schemas";
import { listDatasetPage, uploadApiDataset } from "@/lib/server/api-v1/api-datasets";
import { getPrisma } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** Datasets of the credential's projects, newest first, paged by cursor. */
export const GET = defineRoute({ access: "member", query: datasetPageQuerySchema }, ({ query, scope }) =>
  listDatasetPage(getPrisma(), scope, query),
);

/** Upload a dataset file (the request body) into a project: editors and owners, all rows or none. */
export const POST = defineRoute(
  {
    access: {
      role: "editor",
      project: ({ query }: { query: DatasetUploadQuery }) => ({ projectId: query.projectId }),
    },
    query: datasetUploadQuerySchema,
  },
  ({ request, query, project }) => uploadApiDataset(request.body, project.projectId, query),
);
