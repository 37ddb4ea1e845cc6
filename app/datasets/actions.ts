"use server";

import { z } from "zod";
import { importDataset } from "@/lib/datasets/import-dataset";
import type { ImportDatasetInput, ImportResult } from "@/lib/datasets/import-input";

/** Thin: lib validates and imports. Auth wraps this later (the project check lives there). */
export async function importDatasetAction(
  projectId: string,
  input: ImportDatasetInput,
): Promise<ImportResult> {
  const project = z.uuid().safeParse(projectId);
  if (!project.success)
    return {
      ok: false,
      message: "Choose a project.",
      rowErrors: [],
      fieldErrors: { projectId: ["choose a project"] },
    };
  return importDataset(project.data, input);
}
