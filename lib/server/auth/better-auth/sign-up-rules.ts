import "server-only";
/**
 * Who may open an account, and where a new account lands. The first account of a fresh install owns the
 * default project; later ones need an open invitation for their email, or ALLOW_SIGNUP=1 (an open
 * install, where each newcomer gets a project of their own). The same rules hold for a password sign-up
 * and a first single sign-on: better-auth asks `admitsNewAccount` before it creates any user and calls
 * `placeNewAccount` after.
 */
import { APIError } from "better-auth/api";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { writeAudit } from "@/lib/server/auth/audit/audit";
import { DEFAULT_PROJECT_SLUG } from "@/lib/server/runs/create-run";

// Serialises placing new accounts, so two visitors of a fresh install cannot both become the first owner.
const SIGN_UP_LOCK = 0x65_73_70_6c;

type Env = Record<string, string | undefined>;

export const SIGN_UP_CLOSED_MESSAGE =
  "sign-up is by invitation: ask a project owner to invite your email address";

export type SignUpMode = "first-owner" | "open" | "closed";

export async function readSignUpMode(prisma: PrismaClient, env: Env = process.env): Promise<SignUpMode> {
  if ((await prisma.user.count()) === 0) return "first-owner";
  return env.ALLOW_SIGNUP === "1" ? "open" : "closed";
}

async function hasOpenInvitation(db: PrismaClient | Prisma.TransactionClient, email: string) {
  const count = await db.invitation.count({
    where: { email: email.toLowerCase(), status: "pending", expiresAt: { gt: new Date() } },
  });
  return count > 0;
}

export async function admitsNewAccount(prisma: PrismaClient, email: string, env: Env = process.env) {
  if ((await readSignUpMode(prisma, env)) !== "closed") return true;
  return hasOpenInvitation(prisma, email);
}

/**
 * Under the lock: the first account adopts the default project as its owner (the CLI may have made it
 * already, with runs in it); on an open install an account that was not invited gets a project of its
 * own; an invited one joins when it accepts.
 */
export async function placeNewAccount(
  prisma: PrismaClient,
  user: { id: string; email: string; name: string },
  env: Env = process.env,
): Promise<void> {
  const placed = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SIGN_UP_LOCK})`;
    const anyOwner = await tx.membership.findFirst({ where: { role: "owner" }, select: { id: true } });
    const invited = await hasOpenInvitation(tx, user.email);
    let project: { slug: string; name: string } | null = null;
    if (!anyOwner) project = { slug: DEFAULT_PROJECT_SLUG, name: "Default" };
    else if (env.ALLOW_SIGNUP === "1" && !invited)
      project = { slug: `p-${user.id.slice(0, 8)}`, name: `${user.name}'s project` };
    if (!project) return invited;
    const row = await tx.project.upsert({ where: { slug: project.slug }, update: {}, create: project });
    await tx.membership.create({ data: { projectId: row.id, userId: user.id, role: "owner" } });
    await writeAudit(tx, {
      projectId: row.id,
      actorId: user.id,
      action: "project.created",
      targetType: "project",
      targetId: row.id,
      details: { role: "owner" },
    });
    return true;
  });
  if (placed) return;
  // Two visitors of a fresh install passed the gate at once, and the other became the owner first.
  await prisma.user.delete({ where: { id: user.id } });
  throw new APIError("FORBIDDEN", { code: "sign_up_closed", message: SIGN_UP_CLOSED_MESSAGE });
}
