/** The upload form's contract, checked in the browser for the preview and again by the server action. */
import { z } from "zod";
import { columnMappingSchema } from "./map-problems";
import { DATASET_FORMATS, MAX_DATASET_CHARS, type RowError } from "./parse-rows";

export const importDatasetInputSchema = z.object({
  name: z.string().trim().min(1, "name the dataset").max(200),
  description: z.string().trim().max(2000).default(""),
  format: z.enum(DATASET_FORMATS),
  content: z.string().max(MAX_DATASET_CHARS, "the file is too large"),
  mapping: columnMappingSchema,
});

export type ImportDatasetInput = z.input<typeof importDatasetInputSchema>;

export type ImportResult =
  | { ok: true; datasetId: string; trainCount: number; testCount: number }
  | { ok: false; message: string; rowErrors: RowError[]; fieldErrors: Partial<Record<string, string[]>> };
