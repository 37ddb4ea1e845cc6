import "server-only";
import { createSession, SESSION_COOKIE, sessionCookieOptions } from "@/lib/server/auth/session";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ActionContext } from "@/lib/server/http/action-context";

/** Signs the user in on this browser: a new session row and its cookie. */
export async function startSession(
  prisma: PrismaClient,
  context: ActionContext,
  userId: string,
): Promise<void> {
  const { token, expiresAt } = await createSession(prisma, userId);
  const secure = context.headers.get("x-forwarded-proto") === "https";
  context.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(expiresAt, secure));
}
