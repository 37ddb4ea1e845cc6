/**
 * Experiments (groups of runs) over HTTP: `espl run --seeds/--sweep --name` launches one through
 * POST /api/v1/groups, `espl group NAME` reads its results table and `espl group NAME --pause|--resume|
 * --cancel` controls all of its runs, and `espl reproduce` launches the paper's comparison as one
 * group, printing what the database mode prints (lib/cli/format-group.ts).
 */
import type { ExperimentControlResult } from "@/lib/server/experiments/control-experiment";
import type { ApiGroupRow, ApiLaunchedGroup } from "@/lib/server/api-v1/api-groups";
import type { ExperimentGroups } from "@/lib/server/read/experiment-groups";
import type { z } from "zod";
import type { datasetPageSchema } from "@/lib/domain/api-v1/run-data-schemas";
import type { GroupFormat } from "@/lib/domain/experiments/group-format";
import { buildReproduceLaunch, type ReproduceChoice } from "@/lib/domain/experiments/reproduce-template";
import { BUILTIN_SUITE_NAME } from "@/lib/server/runner/run-problems";
import { CliError, EXIT } from "../cli-error";
import {
  describeReproduceRuns,
  followEachRun,
  printGroupControl,
  printGroupResults,
  printLaunchedGroup,
} from "../format-group";
import type { GroupControl, ReproduceOptions, RunOptions } from "../parse-command";
import { buildConfigOverrides } from "../run-config";
import { resolveRemoteBackend } from "./remote-backends";
import { followRemoteRun, readTokenProject, UUID, type RemoteContext } from "./remote-runs";

export async function launchRemoteGroup(
  ctx: RemoteContext,
  options: RunOptions,
  config: Record<string, unknown>,
): Promise<number> {
  const project = await readTokenProject(ctx);
  const backend = await resolveRemoteBackend(ctx, project.projectId, options.backend);
  const group = await postGroup(ctx, {
    projectId: project.projectId,
    policyBackendId: backend?.id,
    name: options.name,
    preset: options.preset,
    config,
    seeds: options.seeds,
    sweep: options.sweep ?? [],
    tags: options.tags,
  });
  printLaunchedGroup(ctx, { name: group.name }, group.runs);
  if (!options.wait) return EXIT.ok;
  return followEachRun(ctx, group.runs, (runId) => followRemoteRun(ctx, runId));
}

type DatasetPage = z.output<typeof datasetPageSchema>;

const postGroup = (ctx: RemoteContext, body: unknown) =>
  ctx.client.json<ApiLaunchedGroup>("POST", "/api/v1/groups", body);

/** A dataset of the token's project by name (paged through); the built-in suite: none to name. */
async function findRemoteDataset(
  ctx: RemoteContext,
  projectId: string,
  name: string | undefined,
): Promise<string | undefined> {
  if (name === undefined || name === BUILTIN_SUITE_NAME) return undefined;
  const names: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const page: DatasetPage = await ctx.client.json<DatasetPage>(
      "GET",
      `/api/v1/datasets?projectId=${projectId}&limit=100${query}`,
    );
    const found = page.rows.find((row) => row.name === name && !row.builtin);
    if (found) return found.id;
    names.push(...page.rows.map((row) => row.name));
    cursor = page.nextCursor;
  } while (cursor);
  const choices = [...new Set([BUILTIN_SUITE_NAME, ...names])].join(", ");
  throw new CliError(`no dataset "${name}" in the token's project; choose one of: ${choices}`);
}

export async function reproduceRemote(ctx: RemoteContext, options: ReproduceOptions): Promise<number> {
  const config = buildConfigOverrides(undefined, options.setOverrides);
  const project = await readTokenProject(ctx);
  const backend = await resolveRemoteBackend(ctx, project.projectId, options.backend);
  const choice: ReproduceChoice = {
    projectId: project.projectId,
    seeds: options.seeds,
    name: options.name,
    datasetId: await findRemoteDataset(ctx, project.projectId, options.dataset),
    datasetName: options.dataset ?? BUILTIN_SUITE_NAME,
    policyBackendId: backend?.id,
    backendName: backend?.name ?? "simulator",
    config,
  };
  const group = await postGroup(ctx, buildReproduceLaunch(choice));
  const what = describeReproduceRuns(options.seeds);
  printLaunchedGroup(ctx, { name: group.name, ref: group.id, what }, group.runs);
  if (!options.wait) return EXIT.ok;
  const code = await followEachRun(ctx, group.runs, (runId) => followRemoteRun(ctx, runId));
  if (code === EXIT.interrupted) return code;
  await readRemoteGroup(ctx, { name: group.id, format: options.format });
  return code;
}

/** The token's experiment named NAME (the newest of that name), or with that id. */
async function findRemoteGroup(
  ctx: RemoteContext,
  name: string,
): Promise<Pick<ApiGroupRow, "id" | "projectId" | "name">> {
  if (UUID.test(name.toLowerCase())) return ctx.client.json("GET", `/api/v1/groups/${name.toLowerCase()}`);
  const page = await ctx.client.json<{ rows: ApiGroupRow[] }>(
    "GET",
    `/api/v1/groups?name=${encodeURIComponent(name)}&limit=1`,
  );
  if (!page.rows[0]) throw new CliError(`no experiment "${name}" in the token's project`);
  return page.rows[0];
}

export async function readRemoteGroup(
  ctx: RemoteContext,
  options: { name: string; format: GroupFormat; by?: string },
): Promise<number> {
  const group = await findRemoteGroup(ctx, options.name);
  const by = options.by === undefined ? "" : `?by=${encodeURIComponent(options.by)}`;
  const read = await ctx.client.json<ExperimentGroups>("GET", `/api/v1/groups/${group.id}/results${by}`);
  return printGroupResults(ctx, read, options.format);
}

export async function controlRemoteGroup(
  ctx: RemoteContext,
  options: { name: string; action: GroupControl },
): Promise<number> {
  const group = await findRemoteGroup(ctx, options.name);
  const result = await ctx.client.json<ExperimentControlResult>(
    "POST",
    `/api/v1/groups/${group.id}/control`,
    {
      projectId: group.projectId,
      action: options.action,
    },
  );
  return printGroupControl(ctx, group.name, options.action, result);
}
