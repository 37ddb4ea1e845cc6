/**
 * Curating a group (experiment) from its page: markdown notes, and deleting it with its runs. The group
 * is addressed within the project the caller's role was checked in; the deletion happens only when the
 * runs the confirmation named are exactly the group's runs and none of them is queued or running.
 */
import "server-only";
import type { z } from "zod";
import { conflict, notFound } from "@/lib/domain/errors";
import type { deleteGroupInputSchema, editGroupNotesInputSchema } from "@/lib/domain/runs/manage-run-input";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { writeAudit } from "@/lib/server/auth/audit/audit";
import { ACTIVE_STATUSES } from "@/lib/server/runs/manage-run";

async function findGroup(prisma: PrismaClient, projectId: string, experimentId: string) {
  const group = await prisma.experiment.findFirst({
    where: { id: experimentId, projectId },
    select: {
      id: true,
      name: true,
      runs: { select: { id: true, name: true, status: true }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!group) throw notFound("group");
  return group;
}

export async function editGroupNotes(
  prisma: PrismaClient,
  input: z.output<typeof editGroupNotesInputSchema>,
  actorId: string | null,
): Promise<{ notes: string }> {
  const group = await findGroup(prisma, input.projectId, input.experimentId);
  const notes = input.notes.trim() === "" ? "" : input.notes;
  await prisma.$transaction(async (tx) => {
    await tx.experiment.update({ where: { id: group.id }, data: { notes } });
    await writeAudit(tx, {
      projectId: input.projectId,
      actorId,
      action: "experiment.notes_edited",
      targetType: "experiment",
      targetId: group.id,
      details: { characters: notes.length, name: group.name },
    });
  });
  return { notes };
}

export async function deleteGroup(
  prisma: PrismaClient,
  input: z.output<typeof deleteGroupInputSchema>,
  actorId: string | null,
): Promise<{ deletedRuns: number }> {
  const group = await findGroup(prisma, input.projectId, input.experimentId);
  const runIds = group.runs.map((r) => r.id);
  const named = new Set(input.runIds);
  if (named.size !== runIds.length || runIds.some((id) => !named.has(id)))
    throw conflict(
      `the group changed since the confirmation was shown: it now has ${runIds.length} ${runIds.length === 1 ? "run" : "runs"}; look again before deleting`,
    );
  const active = group.runs.filter((r) => ACTIVE_STATUSES.includes(r.status));
  if (active.length > 0)
    throw conflict(
      `cancel the group's running runs first (${active.map((r) => `"${r.name}" is ${r.status}`).join(", ")}), then delete it`,
    );
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.run.deleteMany({
      where: { id: { in: runIds }, experimentId: group.id, status: { notIn: [...ACTIVE_STATUSES] } },
    });
    if (count !== runIds.length) throw conflict("a run of the group started again: cancel it first");
    await tx.experiment.delete({ where: { id: group.id } });
    await writeAudit(tx, {
      projectId: input.projectId,
      actorId,
      action: "experiment.deleted",
      targetType: "experiment",
      targetId: group.id,
      details: { name: group.name, runIds, runNames: group.runs.map((r) => r.name) },
    });
  });
  return { deletedRuns: runIds.length };
}
