import "server-only";
/**
 * Members of a project: list, invite by email, change roles, remove; each change made through better-auth's
 * organization plugin (which checks the caller's role again) and audited.
 */
import { writeAudit } from "@/lib/server/auth/audit/audit";
import { authFor } from "@/lib/server/auth/better-auth/auth";
import { runAuthApi } from "@/lib/server/auth/better-auth/call-auth";
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

/**
 * Invites an email address (better-auth's organization invitation, checked against the caller's role
 * there too); returns the invitation's id, which the link to it names. No mail leaves the server: the
 * owner sends the link.
 */
export async function createInvitation(
  prisma: PrismaClient,
  headers: Headers,
  input: { projectId: string; email: string; role: Role; expiresInDays: number; actorId: string },
): Promise<{ token: string; expiresAt: string }> {
  const invitation = await runAuthApi(() =>
    authFor(prisma).api.createInvitation({
      body: { email: input.email, role: input.role, organizationId: input.projectId, resend: true },
      headers,
    }),
  );
  // The plugin's expiry is one for all; the owner picks this one's.
  const expiresAt = new Date(Date.now() + input.expiresInDays * 24 * 60 * 60_000);
  await prisma.$transaction(async (tx) => {
    await tx.invitation.update({ where: { id: invitation.id }, data: { expiresAt } });
    await writeAudit(tx, {
      projectId: input.projectId,
      actorId: input.actorId,
      action: "invitation.created",
      targetType: "invitation",
      targetId: invitation.id,
      details: { role: input.role, email: input.email, expiresAt: expiresAt.toISOString() },
    });
  });
  return { token: invitation.id, expiresAt: expiresAt.toISOString() };
}

async function assertNotLastOwner(prisma: PrismaClient, projectId: string, userId: string) {
  const owners = await prisma.membership.findMany({
    where: { projectId, role: "owner" },
    select: { userId: true },
  });
  if (owners.length === 1 && owners[0]!.userId === userId)
    throw conflict("a project needs at least one owner: make someone else owner first");
}

async function findMember(prisma: PrismaClient, projectId: string, userId: string) {
  const membership = await prisma.membership.findUnique({
    where: { projectId_userId: { projectId, userId } },
  });
  if (!membership) throw notFound("member");
  return membership;
}

export async function changeRole(
  prisma: PrismaClient,
  headers: Headers,
  input: { projectId: string; userId: string; role: Role; actorId: string },
): Promise<void> {
  const membership = await findMember(prisma, input.projectId, input.userId);
  if (membership.role === input.role) return;
  if (membership.role === "owner") await assertNotLastOwner(prisma, input.projectId, input.userId);
  await runAuthApi(() =>
    authFor(prisma).api.updateMemberRole({
      body: { memberId: membership.id, role: input.role, organizationId: input.projectId },
      headers,
    }),
  );
  await writeAudit(prisma, {
    projectId: input.projectId,
    actorId: input.actorId,
    action: "member.role_changed",
    targetType: "membership",
    targetId: membership.id,
    details: { userId: input.userId, from: membership.role, to: input.role },
  });
}

export async function removeMember(
  prisma: PrismaClient,
  headers: Headers,
  input: { projectId: string; userId: string; actorId: string },
): Promise<void> {
  const membership = await findMember(prisma, input.projectId, input.userId);
  if (membership.role === "owner") await assertNotLastOwner(prisma, input.projectId, input.userId);
  await runAuthApi(() =>
    authFor(prisma).api.removeMember({
      body: { memberIdOrEmail: membership.id, organizationId: input.projectId },
      headers,
    }),
  );
  await writeAudit(prisma, {
    projectId: input.projectId,
    actorId: input.actorId,
    action: "member.removed",
    targetType: "membership",
    targetId: membership.id,
    details: { userId: input.userId, role: membership.role },
  });
}

export interface PendingInvitation {
  id: string;
  email: string;
  role: Role;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
}

/** Invitations that can still be accepted (not used, cancelled or expired), newest first. */
export async function listPendingInvitations(
  prisma: PrismaClient,
  projectId: string,
): Promise<PendingInvitation[]> {
  const rows = await prisma.invitation.findMany({
    where: { projectId, status: "pending", expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      email: true,
      role: true,
      createdAt: true,
      expiresAt: true,
      createdBy: { select: { name: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    createdBy: r.createdBy.name,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
  }));
}

/** Stops an invitation from being accepted, at once; a used or already cancelled one is not found. */
export async function revokeInvitation(
  prisma: PrismaClient,
  headers: Headers,
  input: { projectId: string; invitationId: string; actorId: string },
): Promise<void> {
  const open = await prisma.invitation.count({
    where: { id: input.invitationId, projectId: input.projectId, status: "pending" },
  });
  if (open === 0) throw notFound("invitation (it may have been used or revoked already)");
  await runAuthApi(() =>
    authFor(prisma).api.cancelInvitation({ body: { invitationId: input.invitationId }, headers }),
  );
  await writeAudit(prisma, {
    projectId: input.projectId,
    actorId: input.actorId,
    action: "invitation.revoked",
    targetType: "invitation",
    targetId: input.invitationId,
    details: {},
  });
}
