/**
 * Builds the model ports a run executes against from its backend references, through the driver
 * registry (lib/server/runner/backends/drivers.ts). The simulator is the embedded default: a run without a policy
 * backend runs offline; a run without its own reflection backend reflects with its policy backend's.
 */
import "server-only";
import { readBackendSecret } from "@/lib/server/runner/backends/open-backend-secret";
import type { BackendConnection, RunDriverContext } from "@/lib/server/runner/backends/driver";
import { findDriver } from "@/lib/server/runner/backends/drivers";
import type { ChatFn } from "@/lib/espl/llm/chat";
import type { PolicyBackend } from "@/lib/espl/ports";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { registerSecret } from "@/lib/server/security/redact";
import { readBackendOptions } from "@/lib/domain/backends/backend-options";
import { meterChat, type MeterOptions } from "@/lib/server/runner/backends/usage-meter";
import { SIM_MODEL } from "@/lib/server/runner/backends/sim-driver";

export interface RunBackends {
  policy: PolicyBackend;
  reflect: ChatFn;
  /** The policy's model and prices, to record each sampling batch with (SamplingLog). */
  policyUsage: MeterOptions;
}

function usageOptions(connection: BackendConnection, use: "policy" | "reflection"): MeterOptions {
  const { inputPricePerM, outputPricePerM } = readBackendOptions(connection.options);
  const models = connection.models;
  const model = models[use] ?? models["policy"] ?? (connection.kind === "sim" ? SIM_MODEL : null);
  return { model, prices: { inputPricePerM, outputPricePerM } };
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
    // Every reflection call comes back with its usage, priced with the reflection backend's prices.
    reflect: meterChat(
      reflectionDriver.createReflection(reflectionConnection, run),
      usageOptions(reflectionConnection, "reflection"),
    ),
    policyUsage: usageOptions(policyConnection, "policy"),
  };
}
