import "server-only";
/**
 * Read-only share links to a run or a comparison of runs: a 256-bit token shown once (stored as its
 * SHA-256), optional expiry and frozen step, revocable at once (every request re-reads the link:
 * lib/server/auth/caller.ts resolveShare).
 */
import { writeAudit } from "@/lib/server/auth/audit/audit";
import { generateToken, hashToken } from "@/lib/server/auth/tokens";
import { badRequest, notFound } from "@/lib/domain/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export async function createShareLink(
  prisma: PrismaClient,
  input: {
    projectId: string;
    runIds: string[];
    frozenAtStep?: number;
    expiresInHours?: number;
    actorId: string;
  },
): Promise<{ token: string; shareLinkId: string }> {
  const runIds = [...new Set(input.runIds)];
  const found = await prisma.run.count({ where: { id: { in: runIds }, projectId: input.projectId } });
  if (found !== runIds.length) throw badRequest("invalid share link: runIds: no such run in this project");
  const token = generateToken();
  const expiresAt = input.expiresInHours ? new Date(Date.now() + input.expiresInHours * 60 * 60_000) : null;
  const link = await prisma.$transaction(async (tx) => {
    const created = await tx.shareLink.create({
      data: {
        projectId: input.projectId,
        scope: runIds.length === 1 ? "run" : "comparison",
        runId: runIds.length === 1 ? runIds[0]! : null,
        runIds,
        tokenHash: hashToken(token),
        frozenAtStep: input.frozenAtStep ?? null,
        expiresAt,
        createdById: input.actorId,
      },
    });
    await writeAudit(tx, {
      projectId: input.projectId,
      actorId: input.actorId,
      action: "share.created",
      targetType: "share_link",
      targetId: created.id,
      details: {
        runIds,
        frozenAtStep: input.frozenAtStep ?? null,
        expiresAt: expiresAt?.toISOString() ?? null,
      },
    });
    return created;
  });
  return { token, shareLinkId: link.id };
}

export async function revokeShareLink(
  prisma: PrismaClient,
  input: { projectId: string; shareLinkId: string; actorId: string },
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.shareLink.updateMany({
      where: { id: input.shareLinkId, projectId: input.projectId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw notFound("share link");
    await writeAudit(tx, {
      projectId: input.projectId,
      actorId: input.actorId,
      action: "share.revoked",
      targetType: "share_link",
      targetId: input.shareLinkId,
    });
  });
}

export interface ShareLinkRow {
  id: string;
  runNames: string[];
  frozenAtStep: number | null;
  expiresAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

export async function listShareLinks(prisma: PrismaClient, projectId: string): Promise<ShareLinkRow[]> {
  const links = await prisma.shareLink.findMany({
    where: { projectId },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, runIds: true, frozenAtStep: true, expiresAt: true, revokedAt: true, createdAt: true },
  });
  const runs = await prisma.run.findMany({
    where: { projectId, id: { in: links.flatMap((l) => l.runIds) } },
    select: { id: true, name: true },
  });
  const names = new Map(runs.map((r) => [r.id, r.name]));
  return links.map((l) => ({
    id: l.id,
    runNames: l.runIds.map((id) => names.get(id) ?? "(deleted run)"),
    frozenAtStep: l.frozenAtStep,
    expiresAt: l.expiresAt?.toISOString() ?? null,
    revokedAt: l.revokedAt?.toISOString() ?? null,
    createdAt: l.createdAt.toISOString(),
  }));
}
