import "server-only";
/**
 * Model backend API keys, sealed at rest (lib/server/auth/secret-box.ts) with the backend's id as associated
 * data. Only the worker's model clients read them back; no data function a page or route calls selects
 * `secretCipher`, so keys never reach a browser, a log line or an export.
 */
import { writeAudit } from "@/lib/server/auth/audit/audit";
import { getSecretKey, sealSecret } from "@/lib/server/auth/secret-box";
import { conflict, notFound } from "@/lib/domain/errors";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { BackendKind } from "@/lib/generated/prisma/enums";

/** What may leave the server about a backend: never the secret, only whether one is set. */
export const publicBackendSelect = {
  id: true,
  name: true,
  kind: true,
  baseUrl: true,
  createdAt: true,
} as const;

export async function createBackendWithSecret(
  prisma: PrismaClient,
  input: {
    projectId: string;
    name: string;
    kind: BackendKind;
    baseUrl: string;
    /** Null: no key (local servers need none). */
    apiKey: string | null;
    actorId: string;
    models?: Record<string, string>;
    options?: Prisma.InputJsonObject;
  },
  key = getSecretKey(),
): Promise<{ id: string }> {
  const taken = await prisma.modelBackend.findUnique({
    where: { projectId_name: { projectId: input.projectId, name: input.name } },
  });
  if (taken) throw conflict("a model backend with this name already exists in the project");
  return prisma.$transaction(async (tx) => {
    const backend = await tx.modelBackend.create({
      data: {
        projectId: input.projectId,
        name: input.name,
        kind: input.kind,
        baseUrl: input.baseUrl,
        models: input.models ?? {},
        options: input.options ?? {},
      },
      select: { id: true },
    });
    if (input.apiKey !== null)
      await tx.modelBackend.update({
        where: { id: backend.id },
        data: { secretCipher: sealSecret(input.apiKey, key, backend.id) },
      });
    await writeAudit(tx, {
      projectId: input.projectId,
      actorId: input.actorId,
      action: "backend.created",
      targetType: "model_backend",
      targetId: backend.id,
      details: { name: input.name, kind: input.kind },
    });
    return backend;
  });
}

export async function storeBackendSecret(
  prisma: PrismaClient,
  backendId: string,
  apiKey: string,
  key = getSecretKey(),
): Promise<void> {
  const { count } = await prisma.modelBackend.updateMany({
    where: { id: backendId },
    data: { secretCipher: sealSecret(apiKey, key, backendId) },
  });
  if (count === 0) throw notFound("model backend");
}

export async function listBackends(prisma: PrismaClient, projectId: string) {
  return prisma.modelBackend.findMany({
    where: { projectId },
    orderBy: { createdAt: "asc" },
    select: publicBackendSelect,
  });
}
