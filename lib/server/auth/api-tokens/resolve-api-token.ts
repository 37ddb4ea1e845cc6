import "server-only";
/**
 * A bearer token (`Authorization: Bearer espl_…`) as a caller: a member of the token's one project with
 * the token's role (a personal token: never above its user's current role; a user who left the project
 * has no token there). Read on every request, never cached, so revoking or expiry takes effect at once.
 * Every use is audited; last_used_at is written at most once a minute per token.
 */
import { writeAudit } from "@/lib/server/auth/audit/audit";
import { hasRole } from "@/lib/server/auth/access";
import type { MemberCaller } from "@/lib/server/auth/caller";
import { hashToken } from "@/lib/server/auth/tokens";
import { API_TOKEN_PATTERN } from "@/lib/domain/api-tokens/api-token-schemas";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { getTokenRateLimiter, type TokenRateLimiter } from "./token-rate-limit";

const LAST_USED_RESOLUTION_MS = 60_000;

/** What the request did with the token, for the audit entry. */
export interface TokenUse {
  method: string;
  path: string;
}

const lower = (a: Role, b: Role): Role => (hasRole(a, b) ? b : a);

export async function resolveApiToken(
  prisma: PrismaClient,
  token: string,
  use: TokenUse,
  limiter: TokenRateLimiter = getTokenRateLimiter(),
  now = new Date(),
): Promise<MemberCaller | null> {
  if (!API_TOKEN_PATTERN.test(token)) return null;
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      kind: true,
      role: true,
      userId: true,
      createdById: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      project: { select: { id: true, slug: true, name: true } },
    },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  // A service token acts for the project; its audit entries name the owner who made it.
  const actorId = row.kind === "personal" ? row.userId : row.createdById;
  if (!actorId) return null;
  const user = await prisma.user.findUnique({
    where: { id: actorId },
    select: {
      id: true,
      email: true,
      name: true,
      memberships: { where: { projectId: row.project.id }, select: { role: true } },
    },
  });
  if (!user) return null;
  let role = row.role;
  if (row.kind === "personal") {
    const membership = user.memberships[0];
    if (!membership) return null;
    role = lower(role, membership.role);
  }
  limiter.take(row.id, now.getTime());
  await writeAudit(prisma, {
    projectId: row.project.id,
    actorId: user.id,
    action: "token.used",
    targetType: "api_token",
    targetId: row.id,
    details: { method: use.method, path: use.path },
  });
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS)
    await prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  return {
    kind: "member",
    sessionId: `token:${row.id}`,
    user: { id: user.id, email: user.email, name: user.name },
    memberships: [{ projectId: row.project.id, slug: row.project.slug, name: row.project.name, role }],
    token: { id: row.id, kind: row.kind },
  };
}
