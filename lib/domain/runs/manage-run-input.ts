/**
 * The contracts of curating runs and groups from their pages: rename, tags, markdown notes, delete. One
 * schema each, read by the server action and by the form that sends it.
 */
import { z } from "zod";
import { plainText } from "@/lib/domain/text/control-chars";
import { tagListSchema } from "./run-tags";

/** Notes past this are a pasted log, not notes. */
export const MAX_NOTES_LENGTH = 20_000;

const runId = z.guid("not a run id");
const notes = plainText("the notes").max(
  MAX_NOTES_LENGTH,
  `notes are at most ${MAX_NOTES_LENGTH} characters`,
);

export const renameRunInputSchema = z.object({
  runId,
  name: plainText("the name").trim().min(1, "the name must not be empty").max(200, "at most 200 characters"),
});
export type RenameRunInput = z.input<typeof renameRunInputSchema>;

export const editRunTagsInputSchema = z.object({ runId, tags: tagListSchema });
export type EditRunTagsInput = z.input<typeof editRunTagsInputSchema>;

export const editRunNotesInputSchema = z.object({ runId, notes });
export type EditRunNotesInput = z.input<typeof editRunNotesInputSchema>;

export const deleteRunInputSchema = z.object({ runId });
export type DeleteRunInput = z.input<typeof deleteRunInputSchema>;

/**
 * Groups are addressed with their project (the action's role rule reads it); the experiment must then be
 * in that project, or it is "not found".
 */
const groupRef = { projectId: z.guid("not a project id"), experimentId: z.guid("not a group id") };

export const editGroupNotesInputSchema = z.object({ ...groupRef, notes });
export type EditGroupNotesInput = z.input<typeof editGroupNotesInputSchema>;

/**
 * The run ids the confirmation named: the group is deleted only if these are exactly its runs, so a run
 * added after the dialog opened is never deleted unseen.
 */
export const deleteGroupInputSchema = z.object({
  ...groupRef,
  runIds: z.array(z.guid("not a run id")).max(10_000),
});
export type DeleteGroupInput = z.input<typeof deleteGroupInputSchema>;
