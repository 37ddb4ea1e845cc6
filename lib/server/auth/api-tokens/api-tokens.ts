import "server-only";
/**
 * Personal access tokens and project service tokens, managed from a project's settings: the token is
 * shown once at creation and stored as its SHA-256 (lib/server/auth/tokens.ts, as sessions and share
 * links); lists show its first characters only. Who may do what:
 * - a personal token: any member, for themselves, with at most their own role;
 * - a service token: owners only (it outlives its creator's membership);
 * - listing: everyone sees their own tokens; owners see every token of the project;
 * - revoking: one's own personal tokens; owners any token of the project.
 */
import type { z } from "zod";
import { writeAudit } from "@/lib/server/auth/audit/audit";
import { hasRole } from "@/lib/server/auth/access";
import type { MemberCaller, ProjectMembership } from "@/lib/server/auth/caller";
import { generateToken, hashToken } from "@/lib/server/auth/tokens";
import { forbidden, notFound } from "@/lib/domain/errors";
import {
  API_TOKEN_PREFIX_LENGTH,
  type createApiTokenSchema,
} from "@/lib/domain/api-tokens/api-token-schemas";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";

type CreateInput = z.output<typeof createApiTokenSchema>;

export interface CreatedApiToken {
  /** The token itself: shown to its holder once, never again. */
  token: string;
  tokenId: string;
  prefix: string;
}

export async function createApiToken(
  prisma: PrismaClient,
  caller: MemberCaller,
  project: ProjectMembership,
  input: CreateInput,
  now = new Date(),
): Promise<CreatedApiToken> {
  if (input.kind === "service" && project.role !== "owner")
    throw forbidden("only owners create service tokens");
  if (!hasRole(project.role, input.role))
    throw forbidden(`a token cannot have more than your own role (${project.role})`);
  const token = `espl_${generateToken()}`;
  const prefix = token.slice(0, API_TOKEN_PREFIX_LENGTH);
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null;
  const row = await prisma.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        projectId: project.projectId,
        kind: input.kind,
        userId: input.kind === "personal" ? caller.user.id : null,
        createdById: caller.user.id,
        name: input.name,
        prefix,
        tokenHash: hashToken(token),
        role: input.role,
        expiresAt,
      },
    });
    await writeAudit(tx, {
      projectId: project.projectId,
      actorId: caller.user.id,
      action: "token.created",
      targetType: "api_token",
      targetId: created.id,
      details: { name: input.name, kind: input.kind, role: input.role, prefix },
    });
    return created;
  });
  return { token, tokenId: row.id, prefix };
}

export async function revokeApiToken(
  prisma: PrismaClient,
  caller: MemberCaller,
  project: ProjectMembership,
  tokenId: string,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const mine = project.role === "owner" ? {} : { userId: caller.user.id };
    const { count } = await tx.apiToken.updateMany({
      where: { id: tokenId, projectId: project.projectId, revokedAt: null, ...mine },
      data: { revokedAt: new Date() },
    });
    // Another member's token reads as missing: a non-owner learns nothing about tokens not theirs.
    if (count === 0) throw notFound("token");
    await writeAudit(tx, {
      projectId: project.projectId,
      actorId: caller.user.id,
      action: "token.revoked",
      targetType: "api_token",
      targetId: tokenId,
    });
  });
}

export interface ApiTokenRow {
  id: string;
  name: string;
  kind: "personal" | "service";
  prefix: string;
  role: Role;
  /** As of the read: revoked wins over expired. */
  state: "active" | "expired" | "revoked";
  /** Whose personal token it is; null for a service token. */
  ownerName: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
}

export async function listApiTokens(
  prisma: PrismaClient,
  caller: MemberCaller,
  project: ProjectMembership,
  now = new Date(),
): Promise<ApiTokenRow[]> {
  const rows = await prisma.apiToken.findMany({
    where: { projectId: project.projectId, ...(project.role === "owner" ? {} : { userId: caller.user.id }) },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      name: true,
      kind: true,
      prefix: true,
      role: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      createdAt: true,
      user: { select: { name: true } },
    },
  });
  return rows.map(({ user, expiresAt, revokedAt, lastUsedAt, createdAt, ...row }) => ({
    ...row,
    state: revokedAt ? "revoked" : expiresAt && expiresAt <= now ? "expired" : "active",
    ownerName: user?.name ?? null,
    expiresAt: expiresAt?.toISOString() ?? null,
    revokedAt: revokedAt?.toISOString() ?? null,
    lastUsedAt: lastUsedAt?.toISOString() ?? null,
    createdAt: createdAt.toISOString(),
  }));
}
