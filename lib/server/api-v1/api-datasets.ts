import "server-only";
/**
 * Datasets in /api/v1: the cursor-paged list (stored datasets, newest first) and the upload. Thin: the
 * summary is the dashboard's (lib/server/read/datasets.ts), the upload its route's (streamed, refused past
 * the size limit, every row checked, all rows stored or none).
 */
import { NextResponse } from "next/server";
import type { z } from "zod";
import { encodeCursor } from "@/lib/domain/api-v1/run-cursor";
import type { DatasetPageQuery, datasetPageSchema } from "@/lib/domain/api-v1/run-data-schemas";
import type { DatasetUploadQuery } from "@/lib/domain/datasets/import-input";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ReadScope } from "@/lib/server/auth/scope";
import type { UploadBody } from "@/lib/server/http/upload-body";
import { importUploadedDataset } from "@/lib/server/io/datasets/upload-dataset";
import { DATASET_SUMMARY_SELECT, toDatasetSummary } from "@/lib/server/read/datasets";
import { afterCursor } from "./api-runs";

export async function listDatasetPage(
  prisma: PrismaClient,
  scope: ReadScope,
  query: DatasetPageQuery,
): Promise<z.infer<typeof datasetPageSchema>> {
  // Another project's id filters to nothing, as an unknown one does: the scope bounds every read.
  const projectIds = [...scope.projectIds].filter((id) => !query.projectId || id === query.projectId);
  const datasets = await prisma.dataset.findMany({
    where: { AND: [{ projectId: { in: projectIds } }, afterCursor(query.cursor)] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: DATASET_SUMMARY_SELECT,
  });
  const page = datasets.slice(0, query.limit);
  const last = page.at(-1);
  return {
    rows: page.map(toDatasetSummary),
    nextCursor: datasets.length > query.limit && last ? encodeCursor(last) : null,
  };
}

/**
 * The dashboard's upload, answered in /api/v1's shapes: the new dataset's id and counts, or a 400 in the
 * one error shape, with the file's bad rows (line, column, plain words) listed beside it.
 */
export async function uploadApiDataset(
  body: UploadBody,
  projectId: string,
  query: DatasetUploadQuery,
): Promise<Response> {
  const result = await importUploadedDataset(body, projectId, query);
  if (result.ok) {
    const { datasetId, trainCount, testCount } = result;
    return NextResponse.json({ datasetId, trainCount, testCount });
  }
  const fields = Object.fromEntries(
    Object.entries(result.fieldErrors).filter((entry): entry is [string, string[]] => !!entry[1]),
  );
  return NextResponse.json(
    {
      error: {
        code: "bad_request",
        message: result.message,
        ...(Object.keys(fields).length > 0 ? { fields } : {}),
      },
      rowErrors: result.rowErrors,
    },
    { status: 400 },
  );
}
