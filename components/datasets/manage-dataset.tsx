"use client";

import { deleteDatasetAction, renameDatasetAction } from "@/app/actions/datasets";
import { ActionForm } from "@/components/forms/action-form";
import { inputClass } from "@/components/launch/field-row";

/**
 * Rename and delete on a dataset's page. A delete that runs block is refused by the action, which lists
 * those runs; the built-in suite has neither control (it is read-only).
 */
export function ManageDataset({ dataset }: { dataset: { id: string; name: string; projectSlug: string } }) {
  const ref = (
    <>
      <input type="hidden" name="projectSlug" value={dataset.projectSlug} />
      <input type="hidden" name="datasetId" value={dataset.id} />
    </>
  );
  return (
    <section aria-label="Manage dataset" className="flex flex-wrap items-start gap-6 text-sm">
      <ActionForm
        action={renameDatasetAction}
        submitLabel="Rename"
        testId="rename-dataset"
        className="flex items-end gap-2"
      >
        {ref}
        <label className="flex flex-col gap-1">
          <span className="font-medium">New name</span>
          <input name="name" defaultValue={dataset.name} required maxLength={200} className={inputClass} />
        </label>
      </ActionForm>
      <ActionForm action={deleteDatasetAction} submitLabel="Delete dataset" testId="delete-dataset" danger>
        {ref}
        <p className="text-xs text-slate-500">Only while no run uses it; its problems are deleted too.</p>
      </ActionForm>
    </section>
  );
}
