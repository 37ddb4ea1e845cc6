import "server-only";
/**
 * Who is asking: a signed-in member (their projects and roles) or the holder of a share link (the runs it
 * names, read-only). `scopeOf` turns either into the ReadScope every data function filters by.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import type { ReadScope } from "./scope";
import { authFor } from "./better-auth/auth";
import { sessionCookieHeader } from "./better-auth/session-cookie";
import { hashToken, isWellFormedToken } from "./tokens";

export interface ProjectMembership {
  projectId: string;
  slug: string;
  name: string;
  role: Role;
}

export interface MemberCaller {
  kind: "member";
  sessionId: string;
  user: { id: string; email: string; name: string };
  memberships: ProjectMembership[];
  /** Set when the caller authenticated with an API token (its one project is in memberships). */
  token?: { id: string; kind: "personal" | "service" };
}

export interface ShareCaller {
  kind: "share";
  shareLinkId: string;
  projectId: string;
  runIds: string[];
  frozenAtStep: number | null;
}

export type Caller = MemberCaller | ShareCaller;

export function scopeOf(caller: Caller | null): ReadScope {
  if (!caller) return { projectIds: [] };
  if (caller.kind === "member") return { projectIds: caller.memberships.map((m) => m.projectId) };
  return {
    projectIds: [caller.projectId],
    runIds: caller.runIds,
    ...(caller.frozenAtStep !== null ? { frozenAtStep: caller.frozenAtStep } : {}),
  };
}

export async function resolveMember(
  prisma: PrismaClient,
  sessionToken: string | undefined,
): Promise<MemberCaller | null> {
  if (!sessionToken) return null;
  // better-auth checks the cookie's signature and the session's expiry, and finds its user.
  const session = await authFor(prisma).api.getSession({
    headers: new Headers({ cookie: sessionCookieHeader(sessionToken) }),
    query: { disableCookieCache: true },
  });
  if (!session) return null;
  const memberships = await prisma.membership.findMany({
    where: { userId: session.user.id },
    orderBy: { createdAt: "asc" },
    select: { role: true, project: { select: { id: true, slug: true, name: true } } },
  });
  return {
    kind: "member",
    sessionId: session.session.id,
    user: { id: session.user.id, email: session.user.email, name: session.user.name },
    memberships: memberships.map(({ role, project }) => ({
      projectId: project.id,
      slug: project.slug,
      name: project.name,
      role,
    })),
  };
}

/**
 * The link's scope, or null for an unknown, revoked or expired token. Read on every request, never
 * cached, so revoking or expiry takes effect at once.
 */
export async function resolveShare(
  prisma: PrismaClient,
  shareToken: string | undefined,
): Promise<ShareCaller | null> {
  if (!shareToken || !isWellFormedToken(shareToken)) return null;
  const now = new Date();
  const link = await prisma.shareLink.findUnique({
    where: { tokenHash: hashToken(shareToken) },
    select: {
      id: true,
      projectId: true,
      runId: true,
      runIds: true,
      frozenAtStep: true,
      expiresAt: true,
      revokedAt: true,
    },
  });
  if (!link || link.revokedAt || (link.expiresAt && link.expiresAt <= now)) return null;
  const runIds = link.runIds.length > 0 ? link.runIds : link.runId ? [link.runId] : [];
  if (runIds.length === 0) return null;
  await prisma.shareLink.update({ where: { id: link.id }, data: { lastUsedAt: now } });
  return {
    kind: "share",
    shareLinkId: link.id,
    projectId: link.projectId,
    runIds,
    frozenAtStep: link.frozenAtStep,
  };
}
