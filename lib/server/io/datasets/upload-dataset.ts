import "server-only";
/**
 * A dataset file uploaded from the dashboard: the request body is read as it streams and refused the
 * moment it passes MAX_DATASET_BYTES (with the limits in words), then imported as one dataset.
 */
import { badRequest } from "@/lib/domain/errors";
import { readBodyText, type UploadBody } from "@/lib/server/http/upload-body";
import { importDataset } from "./import-dataset";
import type { DatasetUploadQuery, ImportResult } from "@/lib/domain/datasets/import-input";
import { datasetTooLarge, MAX_DATASET_BYTES } from "@/lib/domain/datasets/parse-rows";

export async function importUploadedDataset(
  body: UploadBody,
  projectId: string,
  query: DatasetUploadQuery,
): Promise<ImportResult> {
  const content = await readBodyText(body, {
    what: "file",
    maxBytes: MAX_DATASET_BYTES,
    refusal: () => badRequest(datasetTooLarge()),
  });
  const { name, description, format, question, answer, split } = query;
  return importDataset(projectId, {
    name,
    description,
    format,
    content,
    mapping: { question, answer, split },
  });
}
