import "server-only";
/**
 * Sessions: a random token in an httpOnly, SameSite=Lax cookie; the database keeps its SHA-256 and an
 * expiry. Signing out deletes the row, so a copied cookie stops working at once.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { generateToken, hashToken, isWellFormedToken } from "./tokens";

export const SESSION_COOKIE = "espl_session";
export const SESSION_TTL_MS = 30 * 24 * 60 * 60_000;
const LAST_SEEN_RESOLUTION_MS = 5 * 60_000;

export interface SessionUser {
  sessionId: string;
  user: { id: string; email: string; name: string };
}

export async function createSession(
  prisma: PrismaClient,
  userId: string,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await prisma.session.create({ data: { userId, tokenHash: hashToken(token), expiresAt } });
  return { token, expiresAt };
}

/** The session's user, or null for an unknown or expired token. */
export async function readSession(
  prisma: PrismaClient,
  token: string | undefined,
): Promise<SessionUser | null> {
  if (!token || !isWellFormedToken(token)) return null;
  const session = await prisma.session.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      expiresAt: true,
      lastSeenAt: true,
      user: { select: { id: true, email: true, name: true } },
    },
  });
  const now = Date.now();
  if (!session || session.expiresAt.getTime() <= now) return null;
  // Coarse on purpose: one write per session every few minutes, not one per request.
  if (now - session.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS)
    await prisma.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date(now) } });
  return { sessionId: session.id, user: session.user };
}

export async function deleteSession(prisma: PrismaClient, token: string | undefined): Promise<void> {
  if (!token || !isWellFormedToken(token)) return;
  await prisma.session.deleteMany({ where: { tokenHash: hashToken(token) } });
}

/** Secure only over HTTPS: the product also runs on plain http://127.0.0.1, where a Secure cookie is dropped. */
export function sessionCookieOptions(expiresAt: Date, secure: boolean) {
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/", expires: expiresAt };
}
