import "server-only";
/**
 * Accounts on better-auth: sign-up under the sign-up rules (lib/server/auth/better-auth/sign-up-rules.ts),
 * sign-in under its rate limit, sign-out, and invitations: an owner invites an email address, and whoever
 * signs in or up with that address accepts (better-auth checks the address matches).
 */
import { z } from "zod";
import { AppError } from "@/lib/domain/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SignUpInput } from "@/lib/domain/accounts/schemas";
import { writeAudit } from "@/lib/server/auth/audit/audit";
import { authFor } from "@/lib/server/auth/better-auth/auth";
import {
  callAuth,
  invitationGone,
  runAuthApi,
  sessionHeaders,
} from "@/lib/server/auth/better-auth/call-auth";
import { SESSION_COOKIE, sessionCookieHeader } from "@/lib/server/auth/better-auth/session-cookie";
import type { ActionContext } from "@/lib/server/http/action-context";

export { readSignUpMode, type SignUpMode } from "@/lib/server/auth/better-auth/sign-up-rules";

const signUpAnswerSchema = z.object({ user: z.object({ id: z.string() }) });

/**
 * Creates the account and signs it in on this browser; with an invitation, joins its project at once.
 * Returns the page to open next.
 */
export async function signUp(
  prisma: PrismaClient,
  context: ActionContext,
  input: SignUpInput,
): Promise<{ userId: string; redirectTo: string }> {
  const { answer, sessionCookie } = await callAuth(prisma, context, "/sign-up/email", {
    email: input.email,
    name: input.name,
    password: input.password,
  });
  const userId = signUpAnswerSchema.parse(answer).user.id;
  if (!input.invite || !sessionCookie) return { userId, redirectTo: "/" };
  const headers = new Headers({ cookie: sessionCookieHeader(sessionCookie) });
  try {
    const { projectSlug } = await acceptInvitationAs(prisma, headers, userId, input.invite);
    return { userId, redirectTo: `/projects/${projectSlug}/settings/members` };
  } catch (error) {
    // The account exists and is signed in (another invitation let its address in); the invitation's page
    // says why this one cannot be accepted (another address, or used meanwhile).
    if (error instanceof AppError) return { userId, redirectTo: `/invite/${input.invite}` };
    throw error;
  }
}

/** Checks the password under better-auth's rate limit; the same answer for an unknown email and a wrong password. */
export async function signIn(
  prisma: PrismaClient,
  context: ActionContext,
  input: { email: string; password: string },
) {
  await callAuth(prisma, context, "/sign-in/email", {
    email: input.email,
    password: input.password,
    rememberMe: true,
  });
}

/** Deletes the session row (a copied cookie stops working at once) and clears the cookie. */
export async function signOut(prisma: PrismaClient, context: ActionContext) {
  // An expired or unknown session has nothing to delete; the cookie goes either way.
  if (context.cookies.get(SESSION_COOKIE))
    await authFor(prisma)
      .api.signOut({ headers: sessionHeaders(context) })
      .catch(() => undefined);
  context.cookies.delete(SESSION_COOKIE);
}

/** An invitation that can still be accepted, for its page: project, role and the address it is for; or 404. */
export async function readInvitation(prisma: PrismaClient, invitationId: string) {
  const invitation = await prisma.invitation.findFirst({
    where: { id: invitationId, status: "pending", expiresAt: { gt: new Date() } },
    select: { email: true, role: true, expiresAt: true, project: { select: { name: true, slug: true } } },
  });
  if (!invitation) throw invitationGone();
  return invitation;
}

async function acceptInvitationAs(
  prisma: PrismaClient,
  headers: Headers,
  userId: string,
  invitationId: string,
) {
  const accepted = await runAuthApi(() =>
    authFor(prisma).api.acceptInvitation({ body: { invitationId }, headers }),
  );
  if (!accepted) throw invitationGone();
  // better-auth answers in its own field names (organizationId is our projectId).
  const { member, invitation } = accepted;
  const projectId = member.organizationId;
  await writeAudit(prisma, {
    projectId,
    actorId: userId,
    action: "member.joined",
    targetType: "membership",
    targetId: member.id,
    details: { role: invitation.role, invitationId },
  });
  const project = await prisma.project.findUniqueOrThrow({
    where: { id: projectId },
    select: { slug: true },
  });
  return { projectSlug: project.slug };
}

/** Accepts as the signed-in caller, whose email must be the one invited. */
export async function acceptInvitation(
  prisma: PrismaClient,
  context: ActionContext,
  userId: string,
  invitationId: string,
) {
  return acceptInvitationAs(prisma, sessionHeaders(context), userId, invitationId);
}
