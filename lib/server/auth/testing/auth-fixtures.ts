/**
 * People and things for authorization tests, written into a real test database: projects, members with
 * each role, sessions in better-auth's shape (fresh per request, since signing out deletes one), share
 * links, invitations.
 */
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { readAuthSecret } from "../better-auth/auth-secret";
import { generateSessionToken, signSessionToken } from "../better-auth/session-cookie";
import { hashPassword } from "../password";
import { generateToken, hashToken } from "../tokens";

export async function createProjectRow(prisma: PrismaClient, name = `P ${randomUUID().slice(0, 6)}`) {
  return prisma.project.create({ data: { name, slug: `p-${randomUUID().slice(0, 8)}` } });
}

export async function createUserRow(
  prisma: PrismaClient,
  memberships: { projectId: string; role: Role }[] = [],
  password?: string,
) {
  const id = randomUUID();
  return prisma.user.create({
    data: {
      id,
      email: `${randomUUID()}@test.example`,
      name: `User ${randomUUID().slice(0, 4)}`,
      memberships: { create: memberships },
      // A password account in better-auth's shape: the "credential" provider, keyed by the user's id.
      ...(password
        ? {
            accounts: {
              create: { providerId: "credential", accountId: id, password: await hashPassword(password) },
            },
          }
        : {}),
    },
  });
}

/** A session row as better-auth writes one, and the signed cookie value that opens it (URL-encoded). */
export async function createSessionToken(prisma: PrismaClient, userId: string): Promise<string> {
  const token = generateSessionToken();
  await prisma.session.create({ data: { userId, token, expiresAt: new Date(Date.now() + 3_600_000) } });
  return signSessionToken(token, readAuthSecret());
}

/**
 * A bare run row. Queued by default; a suite whose server runs a worker beside it (e2e) passes "completed",
 * or the worker's reaper would take the queued row up and execute it over the rows the test writes.
 */
export async function createRunRow(
  prisma: PrismaClient,
  projectId: string,
  name = `run ${randomUUID().slice(0, 6)}`,
  status: "queued" | "completed" = "queued",
) {
  return prisma.run.create({
    data: {
      projectId,
      name,
      status,
      trainMode: "evolution_rl",
      config: {},
      seed: 1,
      totalSteps: 10,
    },
  });
}

export async function createShareToken(
  prisma: PrismaClient,
  input: { projectId: string; runIds: string[]; expiresAt?: Date; revokedAt?: Date; frozenAtStep?: number },
): Promise<{ token: string; id: string }> {
  const token = generateToken();
  const link = await prisma.shareLink.create({
    data: {
      projectId: input.projectId,
      scope: input.runIds.length === 1 ? "run" : "comparison",
      runId: input.runIds.length === 1 ? input.runIds[0]! : null,
      runIds: input.runIds,
      tokenHash: hashToken(token),
      expiresAt: input.expiresAt ?? null,
      revokedAt: input.revokedAt ?? null,
      frozenAtStep: input.frozenAtStep ?? null,
    },
  });
  return { token, id: link.id };
}

/** An open invitation for `email` (a fresh address by default); returns its id, which its link names. */
export async function createInvitationRow(
  prisma: PrismaClient,
  projectId: string,
  createdById: string,
  role: Role = "viewer",
  email = `${randomUUID()}@invited.example`,
): Promise<string> {
  const invitation = await prisma.invitation.create({
    data: { projectId, role, email, expiresAt: new Date(Date.now() + 3_600_000), createdById },
  });
  return invitation.id;
}
