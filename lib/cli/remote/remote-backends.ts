/**
 * Model backends over HTTP: a name (as `--backend NAME` and `espl backend check NAME` take it) is one of
 * the token's project's saved backends, listed by GET /api/v1/backends; `espl backend check` posts the
 * check and prints what the database mode prints (lib/cli/format-backend-check.ts).
 */
import type { ApiBackend } from "@/lib/server/api-v1/api-backends";
import type { BackendCheck } from "@/lib/server/runner/backends/check-backend";
import { printBackendCheck, unknownBackend } from "../format-backend-check";
import { readTokenProject, type RemoteContext } from "./remote-runs";

/** The token's project's backend named NAME; `withSim`: "sim" (the simulator) is one of the choices. */
export async function findRemoteBackend(
  ctx: RemoteContext,
  projectId: string,
  name: string,
  withSim: boolean,
): Promise<ApiBackend> {
  const list = await ctx.client.json<{ rows: ApiBackend[] }>(
    "GET",
    `/api/v1/backends?projectId=${projectId}`,
  );
  const found = list.rows.find((row) => row.name === name);
  if (found) return found;
  const names = list.rows.map((row) => row.name);
  throw unknownBackend(name, "the token's project", withSim ? ["sim", ...names] : names);
}

/** `--backend NAME`: undefined for the simulator, else the saved backend's id. */
export async function resolveRemoteBackend(
  ctx: RemoteContext,
  projectId: string,
  name: string,
): Promise<ApiBackend | undefined> {
  return name === "sim" ? undefined : findRemoteBackend(ctx, projectId, name, true);
}

export async function checkRemoteBackend(ctx: RemoteContext, name: string): Promise<number> {
  const project = await readTokenProject(ctx);
  const backend = await findRemoteBackend(ctx, project.projectId, name, false);
  const check = await ctx.client.json<Extract<BackendCheck, { found: true }>>(
    "POST",
    `/api/v1/backends/${backend.id}/check`,
    { projectId: project.projectId },
  );
  return printBackendCheck(ctx, name, check);
}
