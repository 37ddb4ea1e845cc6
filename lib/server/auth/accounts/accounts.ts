import "server-only";
/**
 * Accounts: sign-up (the first visitor of a fresh install becomes the owner of the default project;
 * later sign-ups need an invitation, or ALLOW_SIGNUP=1 for an open install), sign-in with the rate
 * limit, and accepting invitations.
 */
import { writeAudit } from "@/lib/server/auth/audit/audit";
import { hashPassword, verifyPassword, getDecoyHash } from "@/lib/server/auth/password";
import { assertSignInAllowed, clearSignInFailures, recordFailedSignIn } from "@/lib/server/auth/rate-limit";
import { hashToken, isWellFormedToken } from "@/lib/server/auth/tokens";
import { conflict, forbidden, notFound, unauthenticated } from "@/lib/domain/errors";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { DEFAULT_PROJECT_SLUG } from "@/lib/server/runs/create-run";
import type { SignUpInput } from "@/lib/domain/accounts/schemas";

// Serialises sign-ups, so two visitors of a fresh install cannot both become the first owner.
const SIGN_UP_LOCK = 0x65_73_70_6c;

export type SignUpMode = "first-owner" | "invitation" | "open" | "closed";

export async function readSignUpMode(
  prisma: PrismaClient,
  env: Record<string, string | undefined> = process.env,
): Promise<Exclude<SignUpMode, "invitation">> {
  if ((await prisma.user.count()) === 0) return "first-owner";
  return env.ALLOW_SIGNUP === "1" ? "open" : "closed";
}

type Tx = Prisma.TransactionClient;

async function findOpenInvitation(db: Tx | PrismaClient, token: string) {
  const invitation = isWellFormedToken(token)
    ? await db.invitation.findUnique({
        where: { tokenHash: hashToken(token) },
        select: { id: true, projectId: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true },
      })
    : null;
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date())
    throw notFound("invitation (it may have expired or been used)");
  return invitation;
}

/** The invitation a link names, for the accept page: its project and role, or 404. */
export async function readInvitation(prisma: PrismaClient, token: string) {
  const invitation = await findOpenInvitation(prisma, token);
  const project = await prisma.project.findUniqueOrThrow({
    where: { id: invitation.projectId },
    select: { name: true, slug: true },
  });
  return { role: invitation.role, expiresAt: invitation.expiresAt, project };
}

async function joinWithInvitation(tx: Tx, userId: string, token: string): Promise<string> {
  const invitation = await findOpenInvitation(tx, token);
  const existing = await tx.membership.findUnique({
    where: { projectId_userId: { projectId: invitation.projectId, userId } },
  });
  if (existing) throw conflict("you are already a member of this project");
  const membership = await tx.membership.create({
    data: { projectId: invitation.projectId, userId, role: invitation.role },
  });
  await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: new Date() } });
  await writeAudit(tx, {
    projectId: invitation.projectId,
    actorId: userId,
    action: "member.joined",
    targetType: "membership",
    targetId: membership.id,
    details: { role: invitation.role, invitationId: invitation.id },
  });
  const project = await tx.project.findUniqueOrThrow({ where: { id: invitation.projectId } });
  return project.slug;
}

async function createOwnedProject(tx: Tx, userId: string, project: { slug: string; name: string }) {
  // The CLI may have created the default project already (with runs in it): the first owner adopts it.
  const row = await tx.project.upsert({ where: { slug: project.slug }, update: {}, create: project });
  await tx.membership.create({ data: { projectId: row.id, userId, role: "owner" } });
  await writeAudit(tx, {
    projectId: row.id,
    actorId: userId,
    action: "project.created",
    targetType: "project",
    targetId: row.id,
    details: { role: "owner" },
  });
}

/** Creates the account (and its first membership); returns the user's id. */
export async function signUp(
  prisma: PrismaClient,
  input: SignUpInput,
  env: Record<string, string | undefined> = process.env,
): Promise<{ userId: string }> {
  const passwordHash = await hashPassword(input.password);
  return createAccount(prisma, { ...input, passwordHash }, env);
}

/**
 * The sign-up rules for a new account, with a password (signUp) or without one (single sign-on: the
 * provider vouched for the email): the first account owns the default project; later ones need an
 * invitation, or ALLOW_SIGNUP=1, which gives them a project of their own.
 */
export async function createAccount(
  prisma: PrismaClient,
  input: { email: string; name: string; passwordHash: string | null; invite?: string },
  env: Record<string, string | undefined> = process.env,
): Promise<{ userId: string }> {
  const { passwordHash } = input;
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SIGN_UP_LOCK})`;
    const first = (await tx.user.count()) === 0;
    if (!first && !input.invite && env.ALLOW_SIGNUP !== "1")
      throw forbidden("sign-up is by invitation: ask a project owner for an invitation link");
    if (await tx.user.findUnique({ where: { email: input.email } }))
      throw conflict("an account with this email already exists; sign in instead");
    const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
    if (first) await createOwnedProject(tx, user.id, { slug: DEFAULT_PROJECT_SLUG, name: "Default" });
    else if (input.invite) await joinWithInvitation(tx, user.id, input.invite);
    else
      await createOwnedProject(tx, user.id, {
        slug: `p-${user.id.slice(0, 8)}`,
        name: `${input.name}'s project`,
      });
    return { userId: user.id };
  });
}

/** Checks the password under the rate limit; the same message for an unknown email and a wrong password. */
export async function signIn(
  prisma: PrismaClient,
  input: { email: string; password: string },
  ip: string,
): Promise<{ userId: string }> {
  const who = { email: input.email, ip };
  await assertSignInAllowed(prisma, who);
  const user = await prisma.user.findUnique({
    where: { email: input.email },
    select: { id: true, passwordHash: true },
  });
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await getDecoyHash()));
  if (!user || !user.passwordHash || !ok) {
    await recordFailedSignIn(prisma, who);
    throw unauthenticated("wrong email or password");
  }
  await clearSignInFailures(prisma, input.email);
  return { userId: user.id };
}

export async function acceptInvitation(prisma: PrismaClient, userId: string, token: string) {
  return { projectSlug: await prisma.$transaction((tx) => joinWithInvitation(tx, userId, token)) };
}
