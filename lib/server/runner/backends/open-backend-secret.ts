/**
 * Opens a backend's sealed API key for the process that calls the backend: the run worker. Kept apart
 * from ./backend-secrets.ts (server-only, used by the web app) because the worker runs outside React's
 * server bundle, where `server-only` refuses to load.
 */
import "server-only";
import { getSecretKey, openSecret } from "@/lib/server/auth/secret-box";
import { notFound } from "@/lib/domain/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** The plaintext key, for the process that calls the backend; null when none is set. */
export async function readBackendSecret(
  prisma: PrismaClient,
  backendId: string,
  key?: ReturnType<typeof getSecretKey>,
): Promise<string | null> {
  const backend = await prisma.modelBackend.findUnique({
    where: { id: backendId },
    select: { secretCipher: true },
  });
  if (!backend) throw notFound("model backend");
  // The secret key is needed only to open a key: a backend without one works where none is configured.
  return backend.secretCipher ? openSecret(backend.secretCipher, key ?? getSecretKey(), backendId) : null;
}
