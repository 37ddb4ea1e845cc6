"use server";
import { datasetRefSchema, renameDatasetSchema } from "@/lib/domain/datasets/manage-input";
import { deleteDataset, renameDataset } from "@/lib/server/io/datasets/manage-datasets";
import { roleInProjectSlug } from "@/lib/server/auth/rules";
import { getPrisma } from "@/lib/server/db/client";
import { defineAction } from "@/lib/server/http/action";

// Editors, who upload datasets, also rename and delete them: a delete is refused while any run uses the
// dataset, so it can never take history with it.
const editor = roleInProjectSlug("editor");

/** Editors rename an uploaded dataset; runs keep the name they recorded at launch. */
export const renameDatasetAction = defineAction(renameDatasetSchema, editor, (input, { project }) =>
  renameDataset(getPrisma(), project.projectId, input),
);

/** Editors delete an uploaded dataset no run uses (then the list); otherwise the refusal lists the runs. */
export const deleteDatasetAction = defineAction(datasetRefSchema, editor, async (input, { project }) => ({
  ...(await deleteDataset(getPrisma(), project.projectId, input.datasetId)),
  redirectTo: "/datasets",
}));
