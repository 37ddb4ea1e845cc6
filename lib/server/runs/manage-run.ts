/**
 * Curating a run from its page: rename, tags, markdown notes, delete. Each change is scoped to the caller
 * (another project's run is "not found") and written with its audit entry in one transaction. A run that
 * is queued or running is not deleted: its worker would go on writing into rows that vanish, so the
 * caller is told to cancel it first.
 */
import "server-only";
import type { z } from "zod";
import { conflict, notFound } from "@/lib/domain/errors";
import type {
  deleteRunInputSchema,
  editRunNotesInputSchema,
  editRunTagsInputSchema,
  renameRunInputSchema,
} from "@/lib/domain/runs/manage-run-input";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { RunStatus } from "@/lib/generated/prisma/enums";
import { writeAudit } from "@/lib/server/auth/audit/audit";
import { scopedRunWhere, type ReadScope } from "@/lib/server/auth/scope";

/** Statuses a worker holds or is about to take: deleting these needs a cancel first. */
export const ACTIVE_STATUSES: readonly RunStatus[] = ["queued", "running"];

export function refuseActiveDelete(run: { name: string; status: RunStatus }): void {
  if (ACTIVE_STATUSES.includes(run.status))
    throw conflict(`"${run.name}" is ${run.status}: cancel it first, then delete it`);
}

async function findManagedRun(prisma: PrismaClient, scope: ReadScope, runId: string) {
  const run = await prisma.run.findFirst({
    where: scopedRunWhere(scope, runId),
    select: { id: true, name: true, projectId: true, status: true, tags: true, experimentId: true },
  });
  // A share link's frozen scope never manages anything (actions take no share links; this is belt and braces).
  if (!run || scope.frozenAtStep !== undefined) throw notFound("run");
  return run;
}

export async function renameRun(
  prisma: PrismaClient,
  scope: ReadScope,
  input: z.output<typeof renameRunInputSchema>,
  actorId: string | null,
): Promise<{ name: string }> {
  const run = await findManagedRun(prisma, scope, input.runId);
  if (run.name === input.name) return { name: run.name };
  await prisma.$transaction(async (tx) => {
    await tx.run.update({ where: { id: run.id }, data: { name: input.name } });
    await writeAudit(tx, {
      projectId: run.projectId,
      actorId,
      action: "run.renamed",
      targetType: "run",
      targetId: run.id,
      details: { from: run.name, name: input.name },
    });
  });
  return { name: input.name };
}

export async function editRunTags(
  prisma: PrismaClient,
  scope: ReadScope,
  input: z.output<typeof editRunTagsInputSchema>,
  actorId: string | null,
): Promise<{ tags: string[] }> {
  const run = await findManagedRun(prisma, scope, input.runId);
  await prisma.$transaction(async (tx) => {
    await tx.run.update({ where: { id: run.id }, data: { tags: input.tags } });
    await writeAudit(tx, {
      projectId: run.projectId,
      actorId,
      action: "run.tags_edited",
      targetType: "run",
      targetId: run.id,
      details: { from: run.tags, tags: input.tags, name: run.name },
    });
  });
  return { tags: input.tags };
}

/** Blank notes are no notes: stored as null, shown as the invitation to write some. */
export async function editRunNotes(
  prisma: PrismaClient,
  scope: ReadScope,
  input: z.output<typeof editRunNotesInputSchema>,
  actorId: string | null,
): Promise<{ notes: string | null }> {
  const run = await findManagedRun(prisma, scope, input.runId);
  const notes = input.notes.trim() === "" ? null : input.notes;
  await prisma.$transaction(async (tx) => {
    await tx.run.update({ where: { id: run.id }, data: { notes } });
    await writeAudit(tx, {
      projectId: run.projectId,
      actorId,
      action: "run.notes_edited",
      targetType: "run",
      targetId: run.id,
      // The length, not the text: the audit log is a record of who did what, not a copy of the notes.
      details: { characters: notes?.length ?? 0, name: run.name },
    });
  });
  return { notes };
}

export async function deleteRun(
  prisma: PrismaClient,
  scope: ReadScope,
  input: z.output<typeof deleteRunInputSchema>,
  actorId: string | null,
): Promise<{ deleted: string; experimentId: string | null }> {
  const run = await findManagedRun(prisma, scope, input.runId);
  refuseActiveDelete(run);
  return prisma.$transaction(async (tx) => {
    // Conditional on the status seen: a resume that queued it in between wins, and we say so.
    const { count } = await tx.run.deleteMany({
      where: { id: run.id, status: { notIn: [...ACTIVE_STATUSES] } },
    });
    if (count === 0) throw conflict(`"${run.name}" started again: cancel it first, then delete it`);
    await writeAudit(tx, {
      projectId: run.projectId,
      actorId,
      action: "run.deleted",
      targetType: "run",
      targetId: run.id,
      details: { name: run.name, status: run.status },
    });
    return { deleted: run.id, experimentId: run.experimentId };
  });
}
