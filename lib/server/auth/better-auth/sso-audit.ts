import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { writeAudit } from "@/lib/server/auth/audit/audit";

/** A single sign-on, written to the audit log of each project the member belongs to (the log is per project). */
export async function auditSingleSignOn(prisma: PrismaClient, userId: string, issuer: string): Promise<void> {
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
        details: { method: "oidc", issuer, userId },
      });
  });
}
