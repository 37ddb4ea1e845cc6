import "server-only";
/**
 * Model backends in /api/v1: the list of the caller's projects' saved backends (the settings page's
 * listBackendDetails, without the key: only what a member sees) and the connection check of one (the
 * check `espl backend check` runs, lib/server/runner/backends/check-backend.ts, so the remote command
 * prints from the same object). The schemas here are the routes' and the OpenAPI document's.
 */
import { z } from "zod";
import { notFound } from "@/lib/domain/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ReadScope } from "@/lib/server/auth/scope";
import { checkBackendByName, type BackendCheck } from "@/lib/server/runner/backends/check-backend";
import { listBackendDetails } from "@/lib/server/runner/backends/manage-backends";
import type { StoredProbe } from "@/lib/server/runner/backends/stored-probe";
import type { ApiOperation } from "./catalogue";

/** A check makes a few requests and one tiny sample; a trainer that is up answers well within this. */
const CHECK_TIMEOUT_MS = 120_000;

export const backendListQuerySchema = z.object({
  projectId: z.uuid().optional().describe("only this project's backends"),
});

const capabilitiesSchema = z.object({ sampling: z.boolean(), logprobs: z.boolean(), training: z.boolean() });

export const apiBackendSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  kind: z.string(),
  capabilities: capabilitiesSchema.nullable().describe("what the last test found; null: never tested"),
  lastTestedAt: z.string().nullable(),
  lastTest: z.string().nullable().describe("the last test's result in plain words; null: never tested"),
});

export const backendListSchema = z.object({ rows: z.array(apiBackendSchema) });

export const backendCheckBodySchema = z.object({ projectId: z.uuid() });

/** BackendCheck of a found backend: what the driver's probe found, or why it could not connect. */
export const backendCheckResultSchema = z.object({
  found: z.literal(true),
  kind: z.string(),
  result: z.union([
    z.object({
      models: z.array(z.string()),
      capabilities: capabilitiesSchema,
      details: z.array(z.string()).optional(),
    }),
    z.object({ error: z.string() }),
  ]),
});

export type ApiBackend = z.infer<typeof apiBackendSchema>;

function describeLastTest(probe: StoredProbe | null): string | null {
  if (!probe) return null;
  if (probe.error !== null) return `connection failed: ${probe.error}`;
  const can = (["sampling", "logprobs", "training"] as const).map((w) => `${w} ${probe[w] ? "yes" : "no"}`);
  return `connected; ${can.join(", ")}`;
}

export async function listApiBackends(
  prisma: PrismaClient,
  scope: ReadScope,
  query: z.infer<typeof backendListQuerySchema>,
): Promise<z.infer<typeof backendListSchema>> {
  // Share links name runs, never a project's backends.
  if (scope.runIds !== undefined) return { rows: [] };
  const projectIds = [...scope.projectIds].filter((id) => !query.projectId || id === query.projectId);
  const lists = await Promise.all(
    projectIds.map(async (projectId) =>
      (await listBackendDetails(prisma, projectId)).map((b) => ({
        id: b.id,
        projectId,
        name: b.name,
        kind: b.kind,
        capabilities: b.probe
          ? { sampling: b.probe.sampling, logprobs: b.probe.logprobs, training: b.probe.training }
          : null,
        lastTestedAt: b.lastTestedAt,
        lastTest: describeLastTest(b.probe),
      })),
    ),
  );
  return { rows: lists.flat() };
}

/** The project's backend by id (another project's, or a malformed id, is not found), checked. */
export async function checkApiBackend(
  prisma: PrismaClient,
  projectId: string,
  backendId: string,
  signal: AbortSignal,
): Promise<BackendCheck> {
  const id = z.uuid().safeParse(backendId);
  const backend = id.success
    ? await prisma.modelBackend.findFirst({ where: { id: id.data, projectId }, select: { name: true } })
    : null;
  if (!backend) throw notFound("model backend");
  return checkBackendByName(
    prisma,
    projectId,
    backend.name,
    AbortSignal.any([signal, AbortSignal.timeout(CHECK_TIMEOUT_MS)]),
  );
}

export const BACKEND_OPERATIONS: ApiOperation[] = [
  {
    method: "GET",
    path: "/api/v1/backends",
    file: "app/api/v1/backends/route.ts",
    operationId: "listBackends",
    tag: "backends",
    summary: "Model backends saved in the caller's projects, with what their last test found (never a key)",
    access: "any token or session (its projects only)",
    query: backendListQuerySchema,
    response: { description: "{ rows: Backend[] }", schema: backendListSchema },
  },
  {
    method: "POST",
    path: "/api/v1/backends/{backendId}/check",
    file: "app/api/v1/backends/[backendId]/check/route.ts",
    operationId: "checkBackend",
    tag: "backends",
    summary:
      "Test the connection of one of the project's backends (what `espl backend check` runs); nothing is stored",
    access: "editor or owner of the project",
    body: backendCheckBodySchema,
    response: { description: "{ found: true, kind, result }", schema: backendCheckResultSchema },
  },
];
