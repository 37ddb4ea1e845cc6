/**
 * `espl backend check NAME`: the driver's connection check of one of the default project's backends,
 * run from the command line. Nothing is stored (the settings page's test stores its result, with the
 * owner who ran it in the audit log; a CLI user has no account to name).
 */
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { errorMessage } from "@/lib/server/runner/retry";
import { registerSecret } from "@/lib/server/security/redact";
import type { BackendProbe } from "./driver";
import { findDriver } from "./drivers";
import { readBackendSecret } from "./open-backend-secret";

export type BackendCheck =
  | { found: false; choices: string[] }
  | { found: true; kind: string; result: BackendProbe | { error: string } };

function readModels(stored: unknown): Record<string, string> {
  if (typeof stored !== "object" || stored === null) return {};
  return Object.fromEntries(
    Object.entries(stored).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

export async function checkBackendByName(
  prisma: PrismaClient,
  projectId: string,
  name: string,
  signal?: AbortSignal,
): Promise<BackendCheck> {
  const backend = await prisma.modelBackend.findUnique({ where: { projectId_name: { projectId, name } } });
  if (!backend) {
    const rows = await prisma.modelBackend.findMany({ where: { projectId }, select: { name: true } });
    return { found: false, choices: rows.map((r) => r.name) };
  }
  const driver = findDriver(backend.kind);
  if (!driver)
    return { found: true, kind: backend.kind, result: { error: `no driver for kind "${backend.kind}"` } };
  try {
    const apiKey = await readBackendSecret(prisma, backend.id);
    // Errors are printed: the key they may echo is masked (errorMessage redacts registered secrets).
    registerSecret(apiKey);
    const result = await driver.probe(
      {
        id: backend.id,
        kind: backend.kind,
        baseUrl: backend.baseUrl,
        apiKey,
        models: readModels(backend.models),
        options: backend.options,
      },
      signal,
    );
    return { found: true, kind: backend.kind, result };
  } catch (error) {
    return { found: true, kind: backend.kind, result: { error: errorMessage(error) } };
  }
}
