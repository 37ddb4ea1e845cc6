"use server";
import { z } from "zod";
import { importDataset } from "@/lib/datasets/import-dataset";
import type { ImportDatasetInput } from "@/lib/datasets/import-input";
import { defineAction } from "@/lib/http/action";

// Only the project is checked here, so the wrapper can authorize it; importDataset checks the rest and
// answers with field and row errors the form shows.
const importActionSchema = z.looseObject({ projectId: z.uuid("choose a project") });

/** Upload a dataset into a project: editors and owners. All rows or none are stored. */
export const importDatasetAction = defineAction(
  importActionSchema,
  { role: "editor", project: (input) => ({ projectId: input.projectId }) },
  (input, { project }) => importDataset(project.projectId, input as unknown as ImportDatasetInput),
);
