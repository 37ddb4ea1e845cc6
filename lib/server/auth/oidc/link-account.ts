import "server-only";
/**
 * Which account a single sign-on opens. The provider's identity (issuer + subject) once linked opens its
 * account. Otherwise only an email the provider VERIFIED counts: it links the account with that email
 * (password accounts included), or creates one under the sign-up rules. Each account keeps the first
 * subject it was linked to per issuer; another subject with the same email is refused, since it means the
 * provider gave the address to someone else.
 */
import { AppError } from "@/lib/domain/errors";
import type { OidcClaims } from "@/lib/domain/auth/sso";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { createAccount } from "@/lib/server/auth/accounts/accounts";
import { writeAudit } from "@/lib/server/auth/audit/audit";

export type LinkRefusal = "unverified" | "no_email" | "other_identity" | "no_account";

export class OidcLinkRefused extends Error {
  constructor(readonly code: LinkRefusal) {
    super(`single sign-on refused: ${code}`);
  }
}

export type LinkOutcome = "signed_in" | "linked" | "created";

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

async function linkIdentity(prisma: PrismaClient, userId: string, claims: OidcClaims): Promise<void> {
  const existing = await prisma.oidcIdentity.findUnique({
    where: { userId_issuer: { userId, issuer: claims.iss } },
    select: { subject: true },
  });
  if (existing) {
    if (existing.subject !== claims.sub) throw new OidcLinkRefused("other_identity");
    return;
  }
  try {
    await prisma.oidcIdentity.create({ data: { userId, issuer: claims.iss, subject: claims.sub } });
  } catch (error) {
    // A concurrent first sign-in linked this account (or this subject) first: refused rather than guessed.
    if (isUniqueViolation(error)) throw new OidcLinkRefused("other_identity");
    throw error;
  }
}

/**
 * The account the verified claims sign in to; `invite` (an invitation token the sign-in started from)
 * lets a new account join that project, as at sign-up.
 */
export async function resolveOidcAccount(
  prisma: PrismaClient,
  claims: OidcClaims,
  options: { invite?: string } = {},
  env: Record<string, string | undefined> = process.env,
): Promise<{ userId: string; outcome: LinkOutcome }> {
  const known = await prisma.oidcIdentity.findUnique({
    where: { issuer_subject: { issuer: claims.iss, subject: claims.sub } },
    select: { userId: true },
  });
  // The verified email is required on every sign-in, not only the first: the provider vouches each time.
  if (!claims.email) throw new OidcLinkRefused("no_email");
  if (!claims.email_verified) throw new OidcLinkRefused("unverified");
  if (known) return { userId: known.userId, outcome: "signed_in" };
  const user = await prisma.user.findUnique({ where: { email: claims.email }, select: { id: true } });
  if (user) {
    await linkIdentity(prisma, user.id, claims);
    return { userId: user.id, outcome: "linked" };
  }
  let created: { userId: string };
  try {
    const name = claims.name ?? claims.email.split("@")[0]!;
    created = await createAccount(
      prisma,
      { email: claims.email, name, passwordHash: null, invite: options.invite },
      env,
    );
  } catch (error) {
    // Sign-up is closed, or the invitation the sign-in came with has expired or been used.
    if (error instanceof AppError && (error.code === "forbidden" || error.code === "not_found"))
      throw new OidcLinkRefused("no_account");
    throw error;
  }
  await linkIdentity(prisma, created.userId, claims);
  return { userId: created.userId, outcome: "created" };
}

/** One entry per project the member belongs to (the audit log is per project). */
export async function auditOidcSignIn(
  prisma: PrismaClient,
  userId: string,
  issuer: string,
  outcome: LinkOutcome,
): Promise<void> {
  const memberships = await prisma.membership.findMany({
    where: { userId },
    select: { id: true, projectId: true },
  });
  await prisma.$transaction(async (tx) => {
    for (const m of memberships)
      await writeAudit(tx, {
        projectId: m.projectId,
        actorId: userId,
        action: "member.signed_in",
        targetType: "membership",
        targetId: m.id,
        details: { method: "oidc", issuer, outcome, userId },
      });
  });
}
