import { NextResponse } from "next/server";
import { datasetUploadQuerySchema, type DatasetUploadQuery } from "@/lib/domain/datasets/import-input";
import { importUploadedDataset } from "@/lib/server/io/datasets/upload-dataset";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/**
 * Uploads a dataset file (the request body) into a project: editors and owners. The query names the
 * project, the dataset and the column mapping; all rows are stored or none. A refusal with row or field
 * errors answers 400 with the same result shape as success, so the form shows each bad row.
 */
export const POST = defineRoute(
  {
    access: {
      role: "editor",
      project: ({ query }: { query: DatasetUploadQuery }) => ({ projectId: query.projectId }),
    },
    query: datasetUploadQuerySchema,
  },
  async ({ request, query, project }) => {
    const result = await importUploadedDataset(request.body, project.projectId, query);
    return NextResponse.json(result, { status: result.ok ? 200 : 400 });
  },
);
