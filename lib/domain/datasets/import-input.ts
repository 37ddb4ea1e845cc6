/**
 * The dataset upload's contracts. The upload itself is `POST /api/datasets?<query>` with the file as the
 * body (streamed, so large files never pass through a server action's body limit): the query schema
 * serves the form (checked before sending) and the route; importDataset checks the whole input again.
 */
import { z } from "zod";
import { plainText } from "@/lib/domain/text/control-chars";
import { columnMappingSchema } from "./map-problems";
import { DATASET_FORMATS, datasetTooLarge, MAX_DATASET_CHARS, type RowError } from "./parse-rows";

const datasetFieldsSchema = z.object({
  name: plainText("the name").trim().min(1, "name the dataset").max(200),
  description: plainText("the description").trim().max(2000).default(""),
  format: z.enum(DATASET_FORMATS),
});

export const importDatasetInputSchema = datasetFieldsSchema.extend({
  content: z.string().max(MAX_DATASET_CHARS, datasetTooLarge()),
  mapping: columnMappingSchema,
});

/** The upload route's query string: the target project, the dataset's fields and the column mapping. */
export const datasetUploadQuerySchema = datasetFieldsSchema.extend({
  projectId: z.uuid("choose a project"),
  ...columnMappingSchema.shape,
});

export type DatasetUploadQuery = z.input<typeof datasetUploadQuerySchema>;

export type ImportDatasetInput = z.input<typeof importDatasetInputSchema>;

export type ImportResult =
  | { ok: true; datasetId: string; trainCount: number; testCount: number }
  | { ok: false; message: string; rowErrors: RowError[]; fieldErrors: Partial<Record<string, string[]>> };
