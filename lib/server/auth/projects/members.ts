import "server-only";
/** Members of a project: list, invite (copyable links), change roles, remove; each change audited. */
import { writeAudit } from "@/lib/server/auth/audit/audit";
import { generateToken, hashToken } from "@/lib/server/auth/tokens";
import { conflict, notFound } from "@/lib/domain/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";

export interface MemberRow {
  userId: string;
  name: string;
  email: string;
  role: Role;
}

export async function listMembers(prisma: PrismaClient, projectId: string): Promise<MemberRow[]> {
  const rows = await prisma.membership.findMany({
    where: { projectId },
    orderBy: { createdAt: "asc" },
    select: { role: true, user: { select: { id: true, name: true, email: true } } },
  });
  return rows.map(({ role, user }) => ({ userId: user.id, name: user.name, email: user.email, role }));
}

/** Returns the token once; only its hash is stored. */
export async function createInvitation(
  prisma: PrismaClient,
  input: { projectId: string; role: Role; expiresInDays: number; actorId: string },
): Promise<{ token: string; expiresAt: string }> {
  const token = generateToken();
  const expiresAt = new Date(Date.now() + input.expiresInDays * 24 * 60 * 60_000);
  await prisma.$transaction(async (tx) => {
    const invitation = await tx.invitation.create({
      data: {
        projectId: input.projectId,
        role: input.role,
        tokenHash: hashToken(token),
        expiresAt,
        createdById: input.actorId,
      },
    });
    await writeAudit(tx, {
      projectId: input.projectId,
      actorId: input.actorId,
      action: "invitation.created",
      targetType: "invitation",
      targetId: invitation.id,
      details: { role: input.role, expiresAt: expiresAt.toISOString() },
    });
  });
  return { token, expiresAt: expiresAt.toISOString() };
}

async function assertNotLastOwner(prisma: PrismaClient, projectId: string, userId: string) {
  const owners = await prisma.membership.findMany({
    where: { projectId, role: "owner" },
    select: { userId: true },
  });
  if (owners.length === 1 && owners[0]!.userId === userId)
    throw conflict("a project needs at least one owner: make someone else owner first");
}

export async function changeRole(
  prisma: PrismaClient,
  input: { projectId: string; userId: string; role: Role; actorId: string },
): Promise<void> {
  const membership = await prisma.membership.findUnique({
    where: { projectId_userId: { projectId: input.projectId, userId: input.userId } },
  });
  if (!membership) throw notFound("member");
  if (membership.role === input.role) return;
  if (membership.role === "owner") await assertNotLastOwner(prisma, input.projectId, input.userId);
  await prisma.$transaction(async (tx) => {
    await tx.membership.update({ where: { id: membership.id }, data: { role: input.role } });
    await writeAudit(tx, {
      projectId: input.projectId,
      actorId: input.actorId,
      action: "member.role_changed",
      targetType: "membership",
      targetId: membership.id,
      details: { userId: input.userId, from: membership.role, to: input.role },
    });
  });
}

export async function removeMember(
  prisma: PrismaClient,
  input: { projectId: string; userId: string; actorId: string },
): Promise<void> {
  const membership = await prisma.membership.findUnique({
    where: { projectId_userId: { projectId: input.projectId, userId: input.userId } },
  });
  if (!membership) throw notFound("member");
  if (membership.role === "owner") await assertNotLastOwner(prisma, input.projectId, input.userId);
  await prisma.$transaction(async (tx) => {
    await tx.membership.delete({ where: { id: membership.id } });
    await writeAudit(tx, {
      projectId: input.projectId,
      actorId: input.actorId,
      action: "member.removed",
      targetType: "membership",
      targetId: membership.id,
      details: { userId: input.userId, role: membership.role },
    });
  });
}

export interface PendingInvitation {
  id: string;
  role: Role;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
}

/** Invitations that can still be accepted (not used, revoked or expired), newest first. */
export async function listPendingInvitations(
  prisma: PrismaClient,
  projectId: string,
): Promise<PendingInvitation[]> {
  const rows = await prisma.invitation.findMany({
    where: { projectId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, role: true, createdAt: true, expiresAt: true, createdBy: { select: { name: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    createdBy: r.createdBy.name,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
  }));
}

/** Stops an invitation link from working at once; a used or already revoked one is not found. */
export async function revokeInvitation(
  prisma: PrismaClient,
  input: { projectId: string; invitationId: string; actorId: string },
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: input.invitationId, projectId: input.projectId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw notFound("invitation (it may have been used or revoked already)");
    await writeAudit(tx, {
      projectId: input.projectId,
      actorId: input.actorId,
      action: "invitation.revoked",
      targetType: "invitation",
      targetId: input.invitationId,
      details: {},
    });
  });
}
