/** API tokens for authorization tests, written straight into a real test database (any state wanted). */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { generateToken, hashToken } from "../tokens";

export async function createApiTokenRow(
  prisma: PrismaClient,
  input: {
    projectId: string;
    userId: string;
    role: Role;
    kind?: "personal" | "service";
    expiresAt?: Date;
    revokedAt?: Date;
  },
): Promise<{ token: string; id: string }> {
  const token = `espl_${generateToken()}`;
  const kind = input.kind ?? "personal";
  const row = await prisma.apiToken.create({
    data: {
      projectId: input.projectId,
      kind,
      userId: kind === "personal" ? input.userId : null,
      createdById: input.userId,
      name: `fixture ${input.role}`,
      prefix: token.slice(0, 12),
      tokenHash: hashToken(token),
      role: input.role,
      expiresAt: input.expiresAt ?? null,
      revokedAt: input.revokedAt ?? null,
    },
  });
  return { token, id: row.id };
}
