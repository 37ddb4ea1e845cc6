/**
 * Builds the model ports a run executes against from its backend references, through the driver
 * registry (lib/backends/drivers.ts). The simulator is the embedded default: a run without a policy
 * backend runs offline; a run without its own reflection backend reflects with its policy backend's.
 */
import { readBackendSecret } from "@/lib/backends/open-backend-secret";
import type { BackendConnection, RunDriverContext } from "@/lib/backends/driver";
import { findDriver } from "@/lib/backends/drivers";
import type { ChatFn } from "@/lib/espl/llm/chat";
import type { PolicyBackend } from "@/lib/espl/ports";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { registerSecret } from "@/lib/security/redact";

export interface RunBackends {
  policy: PolicyBackend;
  reflect: ChatFn;
}

export class UnsupportedBackendError extends Error {
  override name = "UnsupportedBackendError";
}

const SIM_CONNECTION: BackendConnection = {
  id: "sim",
  kind: "sim",
  baseUrl: null,
  apiKey: null,
  models: {},
};

/** The backend row with its key opened; only the worker calls this. */
export async function loadBackendConnection(
  prisma: PrismaClient,
  backendId: string | null,
): Promise<BackendConnection | null> {
  if (!backendId) return null;
  const row = await prisma.modelBackend.findUniqueOrThrow({
    where: { id: backendId },
    select: { id: true, kind: true, baseUrl: true, models: true, options: true },
  });
  const models = Object.fromEntries(
    Object.entries((row.models ?? {}) as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string",
    ),
  );
  const apiKey = await readBackendSecret(prisma, row.id);
  // From here on the key may appear in a client's error text; every stored or logged error masks it.
  registerSecret(apiKey);
  return { ...row, models, apiKey };
}

export function createRunBackends(
  connections: { policy: BackendConnection | null; reflection: BackendConnection | null },
  run: RunDriverContext,
): RunBackends {
  const policyConnection = connections.policy ?? SIM_CONNECTION;
  const reflectionConnection = connections.reflection ?? policyConnection;
  const policyDriver = findDriver(policyConnection.kind);
  if (!policyDriver?.createPolicy)
    throw new UnsupportedBackendError(
      `model backend kind "${policyConnection.kind}" cannot serve as a policy backend yet`,
    );
  const reflectionDriver = findDriver(reflectionConnection.kind);
  if (!reflectionDriver?.createReflection)
    throw new UnsupportedBackendError(
      `model backend kind "${reflectionConnection.kind}" cannot serve as a reflection backend yet`,
    );
  return {
    policy: policyDriver.createPolicy(policyConnection, run),
    reflect: reflectionDriver.createReflection(reflectionConnection, run),
  };
}
