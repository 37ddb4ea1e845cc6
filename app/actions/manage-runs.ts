"use server";
import {
  deleteGroupInputSchema,
  deleteRunInputSchema,
  editGroupNotesInputSchema,
  editRunNotesInputSchema,
  editRunTagsInputSchema,
  renameRunInputSchema,
} from "@/lib/domain/runs/manage-run-input";
import { getPrisma } from "@/lib/server/db/client";
import { deleteGroup, editGroupNotes } from "@/lib/server/experiments/manage-experiment";
import { defineAction } from "@/lib/server/http/action";
import { deleteRun, editRunNotes, editRunTags, renameRun } from "@/lib/server/runs/manage-run";

// Curation is the editors' and owners' (they launch and cancel runs too); viewers only read.
const runEditor = {
  role: "editor",
  project: (input: { runId: string }) => ({ runId: input.runId }),
} as const;
const groupEditor = {
  role: "editor",
  project: (input: { projectId: string }) => ({ projectId: input.projectId }),
} as const;

export const renameRunAction = defineAction(renameRunInputSchema, runEditor, (input, { scope, caller }) =>
  renameRun(getPrisma(), scope, input, caller.user.id),
);

export const editRunTagsAction = defineAction(editRunTagsInputSchema, runEditor, (input, { scope, caller }) =>
  editRunTags(getPrisma(), scope, input, caller.user.id),
);

export const editRunNotesAction = defineAction(
  editRunNotesInputSchema,
  runEditor,
  (input, { scope, caller }) => editRunNotes(getPrisma(), scope, input, caller.user.id),
);

/** Deletes a run that is not queued or running, with everything it recorded (the rows cascade). */
export const deleteRunAction = defineAction(deleteRunInputSchema, runEditor, (input, { scope, caller }) =>
  deleteRun(getPrisma(), scope, input, caller.user.id),
);

export const editGroupNotesAction = defineAction(
  editGroupNotesInputSchema,
  groupEditor,
  (input, { caller }) => editGroupNotes(getPrisma(), input, caller.user.id),
);

/** Deletes a group and exactly the runs its confirmation named. */
export const deleteGroupAction = defineAction(deleteGroupInputSchema, groupEditor, (input, { caller }) =>
  deleteGroup(getPrisma(), input, caller.user.id),
);
