/** The rename and delete contracts of a dataset (app/actions/datasets.ts); the project is named by slug. */
import { z } from "zod";
import { plainText } from "@/lib/domain/text/control-chars";

export const datasetRefSchema = z.object({
  projectSlug: z.string().min(1),
  datasetId: z.uuid("choose a dataset"),
});

export const renameDatasetSchema = datasetRefSchema.extend({
  name: plainText("the name").trim().min(1, "name the dataset").max(200),
});

export type RenameDatasetInput = z.input<typeof renameDatasetSchema>;
export type DatasetRefInput = z.input<typeof datasetRefSchema>;
