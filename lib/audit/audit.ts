/**
 * The audit log: who launched, paused, cancelled, shared, revoked, invited, changed roles, and when.
 * Entries are written with the client of the action's own transaction, so an entry exists exactly when
 * its action committed. A null actor is the system (the CLI, an admin tool without accounts).
 */
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

export type AuditAction =
  | "project.created"
  | "run.launched"
  | "run.paused"
  | "run.resumed"
  | "run.cancelled"
  | "run.hard_cancelled"
  | "share.created"
  | "share.revoked"
  | "invitation.created"
  | "invitation.revoked"
  | "member.joined"
  | "member.role_changed"
  | "member.removed"
  | "backend.created"
  | "backend.updated"
  | "backend.tested"
  | "backend.deleted";

export interface AuditInput {
  projectId: string;
  actorId: string | null;
  action: AuditAction;
  targetType: "project" | "run" | "share_link" | "invitation" | "membership" | "model_backend";
  targetId?: string | null;
  details?: Prisma.InputJsonObject;
}

type Db = PrismaClient | Prisma.TransactionClient;

export async function writeAudit(db: Db, entry: AuditInput): Promise<void> {
  await db.auditEntry.create({
    data: {
      projectId: entry.projectId,
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      details: entry.details ?? {},
    },
  });
}

export interface AuditRow {
  id: string;
  action: string;
  targetType: string;
  targetId: string | null;
  details: unknown;
  actorName: string;
  createdAt: string;
}

/** Newest first; the actor's name only (no email), as the owners' settings page shows it. */
export async function listAudit(prisma: PrismaClient, projectId: string, limit = 100): Promise<AuditRow[]> {
  const rows = await prisma.auditEntry.findMany({
    where: { projectId },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true,
      action: true,
      targetType: true,
      targetId: true,
      details: true,
      createdAt: true,
      actor: { select: { name: true } },
    },
  });
  return rows.map(({ id, actor, createdAt, ...row }) => ({
    ...row,
    id: id.toString(),
    actorName: actor?.name ?? "system",
    createdAt: createdAt.toISOString(),
  }));
}
