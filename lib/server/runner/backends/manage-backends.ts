import "server-only";
/**
 * The backend registry of a project: listing (never the key, only whether one is set), editing, removing
 * and testing. Testing opens the key in the web server for the length of one probe; the probe comes from
 * the kind's driver (lib/server/runner/backends/drivers.ts), so a kind without a driver says so instead of guessing.
 */
import { writeAudit } from "@/lib/server/auth/audit/audit";
import { getSecretKey, sealSecret } from "@/lib/server/auth/secret-box";
import { conflict, notFound } from "@/lib/domain/errors";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { BackendKind } from "@/lib/generated/prisma/enums";
import { errorMessage } from "@/lib/server/runner/retry";
import { readBackendOptions, type BackendOptions } from "@/lib/domain/backends/backend-options";
import type { UpdateBackendInput } from "@/lib/domain/backends/backend-form";
import { findDriver } from "./drivers";
import { readBackendSecret } from "./open-backend-secret";
import { readStoredProbe, type StoredProbe } from "./stored-probe";
import { registerSecret } from "@/lib/server/security/redact";

const PROBE_TIMEOUT_MS = 20_000;
const ACTIVE_STATUSES = ["queued", "running", "paused"] as const;

export interface BackendDetails {
  id: string;
  name: string;
  kind: BackendKind;
  baseUrl: string | null;
  models: Record<string, string>;
  options: BackendOptions;
  hasApiKey: boolean;
  probe: StoredProbe | null;
  lastTestedAt: string | null;
  hasDriver: boolean;
}

function readModels(stored: unknown): Record<string, string> {
  if (typeof stored !== "object" || stored === null) return {};
  return Object.fromEntries(
    Object.entries(stored).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

export async function listBackendDetails(prisma: PrismaClient, projectId: string): Promise<BackendDetails[]> {
  const [rows, keyed] = await Promise.all([
    prisma.modelBackend.findMany({
      where: { projectId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        name: true,
        kind: true,
        baseUrl: true,
        models: true,
        options: true,
        capabilities: true,
        lastTestedAt: true,
      },
    }),
    prisma.modelBackend.findMany({
      where: { projectId, secretCipher: { not: null } },
      select: { id: true },
    }),
  ]);
  const withKey = new Set(keyed.map((k) => k.id));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    baseUrl: row.baseUrl,
    models: readModels(row.models),
    options: readBackendOptions(row.options),
    hasApiKey: withKey.has(row.id),
    probe: readStoredProbe(row.capabilities),
    lastTestedAt: row.lastTestedAt?.toISOString() ?? null,
    hasDriver: findDriver(row.kind) !== undefined,
  }));
}

async function findInProject(prisma: PrismaClient, projectId: string, backendId: string) {
  const backend = await prisma.modelBackend.findFirst({
    where: { id: backendId, projectId },
    select: { id: true, name: true, kind: true, baseUrl: true, models: true, options: true },
  });
  if (!backend) throw notFound("model backend");
  return backend;
}

export async function updateBackend(
  prisma: PrismaClient,
  projectId: string,
  actorId: string,
  input: UpdateBackendInput,
): Promise<{ id: string }> {
  const backend = await findInProject(prisma, projectId, input.backendId);
  if (input.name !== backend.name) {
    const taken = await prisma.modelBackend.findUnique({
      where: { projectId_name: { projectId, name: input.name } },
    });
    if (taken) throw conflict("a model backend with this name already exists in the project");
  }
  const key = input.apiKey !== null ? getSecretKey() : null;
  const changedEndpoint = input.baseUrl !== backend.baseUrl || input.apiKey !== null || input.clearApiKey;
  await prisma.$transaction(async (tx) => {
    await tx.modelBackend.update({
      where: { id: backend.id },
      data: {
        name: input.name,
        baseUrl: input.baseUrl,
        models: input.models,
        options: input.options as Prisma.InputJsonObject,
        ...(input.apiKey !== null
          ? { secretCipher: sealSecret(input.apiKey, key!, backend.id) }
          : input.clearApiKey
            ? { secretCipher: null }
            : {}),
        // Another server or key may answer differently: the last test no longer says anything.
        ...(changedEndpoint ? { capabilities: {}, lastTestedAt: null } : {}),
      },
    });
    await writeAudit(tx, {
      projectId,
      actorId,
      action: "backend.updated",
      targetType: "model_backend",
      targetId: backend.id,
      details: { name: input.name },
    });
  });
  return { id: backend.id };
}

export async function deleteBackend(
  prisma: PrismaClient,
  projectId: string,
  actorId: string,
  backendId: string,
): Promise<{ id: string }> {
  const backend = await findInProject(prisma, projectId, backendId);
  // A run that will still execute would silently fall back to the simulator without its backend, and a
  // finished run would lose the record of what it ran on (and be labelled simulated): refuse both.
  const [active, used] = await Promise.all([
    prisma.run.count({
      where: {
        status: { in: [...ACTIVE_STATUSES] },
        OR: [{ policyBackendId: backend.id }, { reflectionBackendId: backend.id }],
      },
    }),
    prisma.run.count({
      where: { OR: [{ policyBackendId: backend.id }, { reflectionBackendId: backend.id }] },
    }),
  ]);
  if (active > 0)
    throw conflict(
      `${active} queued, running or paused run(s) use this backend; cancel them or let them finish first`,
    );
  if (used > 0)
    throw conflict(
      `${used} run(s) ran on this backend and their history names it; edit the backend instead of removing it`,
    );
  await prisma.$transaction(async (tx) => {
    await tx.modelBackend.delete({ where: { id: backend.id } });
    await writeAudit(tx, {
      projectId,
      actorId,
      action: "backend.deleted",
      targetType: "model_backend",
      targetId: backend.id,
      details: { name: backend.name, kind: backend.kind },
    });
  });
  return { id: backend.id };
}

/** Probes the backend, stores what it found (or the error) and returns it. */
export async function testBackend(
  prisma: PrismaClient,
  projectId: string,
  actorId: string,
  backendId: string,
): Promise<StoredProbe> {
  const backend = await findInProject(prisma, projectId, backendId);
  const driver = findDriver(backend.kind);
  let result: StoredProbe;
  if (!driver) {
    result = {
      sampling: false,
      logprobs: false,
      training: false,
      models: [],
      error: `no driver for backend kind "${backend.kind}" in this version`,
      details: [],
    };
  } else {
    try {
      const apiKey = await readBackendSecret(prisma, backend.id);
      // A probe's error is shown to owners: the key it may echo is masked there (errorMessage redacts).
      registerSecret(apiKey);
      const probe = await driver.probe(
        {
          id: backend.id,
          kind: backend.kind,
          baseUrl: backend.baseUrl,
          apiKey,
          models: readModels(backend.models),
          options: backend.options,
        },
        AbortSignal.timeout(PROBE_TIMEOUT_MS),
      );
      result = {
        ...probe.capabilities,
        models: probe.models.slice(0, 200),
        error: null,
        details: (probe.details ?? []).slice(0, 20),
      };
    } catch (error) {
      result = {
        sampling: false,
        logprobs: false,
        training: false,
        models: [],
        error: errorMessage(error),
        details: [],
      };
    }
  }
  await prisma.$transaction(async (tx) => {
    await tx.modelBackend.update({
      where: { id: backend.id },
      data: { capabilities: result, lastTestedAt: new Date() },
    });
    await writeAudit(tx, {
      projectId,
      actorId,
      action: "backend.tested",
      targetType: "model_backend",
      targetId: backend.id,
      details: { ok: result.error === null },
    });
  });
  return result;
}
