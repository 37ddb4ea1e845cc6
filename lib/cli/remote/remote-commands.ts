/**
 * The commands over HTTP (`espl login`, or ESPL_URL + ESPL_TOKEN): the same options and output as with
 * the database, through /api/v1 with the token, so the server's role rules apply. The output comes from
 * the formatting functions the database mode uses.
 */
import type { RunControl, RunStatus } from "@/lib/generated/prisma/enums";
import type { RunPage } from "@/lib/server/api-v1/api-runs";
import { buildConfigOverrides } from "../run-config";
import { EXIT } from "../cli-error";
import { formatRunDetail, formatRunList } from "../format-run";
import type { Command, RunOptions } from "../parse-command";
import { writeExport } from "../commands/export-command";
import { checkRemoteBackend, resolveRemoteBackend } from "./remote-backends";
import { runRemoteEval, runRemoteImport } from "./remote-eval-import";
import { controlRemoteGroup, launchRemoteGroup, readRemoteGroup, reproduceRemote } from "./remote-groups";
import { followRemoteRun, readRun, readTokenProject, resolveRunRef, type RemoteContext } from "./remote-runs";

export type { RemoteContext } from "./remote-runs";

async function runRemoteRun(ctx: RemoteContext, options: RunOptions): Promise<number> {
  const config = buildConfigOverrides(options.configFile, options.setOverrides);
  if (options.seeds !== undefined || options.sweep !== undefined)
    return launchRemoteGroup(ctx, options, config);
  const project = await readTokenProject(ctx);
  const backend = await resolveRemoteBackend(ctx, project.projectId, options.backend);
  const run = await ctx.client.json<{ id: string; name: string; totalSteps: number }>(
    "POST",
    "/api/v1/runs",
    {
      projectId: project.projectId,
      name: options.name,
      preset: options.preset,
      config,
      seed: options.seed,
      tags: options.tags,
      policyBackendId: backend?.id,
    },
  );
  ctx.out(run.id);
  if (!options.wait) {
    ctx.note(
      `queued "${run.name}" (${run.totalSteps} steps) on ${ctx.client.remote.url}; follow it with: espl wait ${run.id}`,
    );
    return EXIT.ok;
  }
  return followRemoteRun(ctx, run.id);
}

async function runRemoteStatus(ctx: RemoteContext, ref: string | undefined): Promise<number> {
  if (ref === undefined) {
    const page = await ctx.client.json<RunPage>("GET", "/api/v1/runs?limit=20");
    // The list shows each run's status column only; a pending control is in `espl status RUN`.
    const rows = page.rows.map((r) => ({
      ...r,
      status: r.status as RunStatus,
      control: "none" as RunControl,
    }));
    for (const line of formatRunList(rows)) ctx.out(line);
    return EXIT.ok;
  }
  const run = await readRun(ctx, await resolveRunRef(ctx, ref));
  for (const line of formatRunDetail(run)) ctx.out(line);
  return EXIT.ok;
}

async function runRemoteControl(
  ctx: RemoteContext,
  ref: string,
  action: "pause" | "resume" | "cancel" | "hard_cancel",
  wait = false,
): Promise<number> {
  const runId = await resolveRunRef(ctx, ref);
  const result = await ctx.client.json<{ immediate: boolean; status: string }>(
    "POST",
    `/api/v1/runs/${runId}/control`,
    { action },
  );
  const done = { pause: "paused", resume: "queued", cancel: "cancelled", hard_cancel: "cancelled" }[action];
  ctx.out(result.immediate ? `${done} ${runId}` : `${action.replace("_", " ")} requested: ${runId}`);
  return wait ? followRemoteRun(ctx, runId) : EXIT.ok;
}

async function* readText(response: Response): AsyncGenerator<string> {
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) yield chunk.value;
}

export async function dispatchRemote(ctx: RemoteContext, command: Exclude<Command, { kind: "help" }>) {
  switch (command.kind) {
    case "run":
      return runRemoteRun(ctx, command);
    case "status":
      return runRemoteStatus(ctx, command.run);
    case "wait":
      return followRemoteRun(ctx, await resolveRunRef(ctx, command.run));
    case "pause":
      return runRemoteControl(ctx, command.run, "pause");
    case "resume":
      return runRemoteControl(ctx, command.run, "resume", command.wait);
    case "cancel":
      return runRemoteControl(ctx, command.run, command.hard ? "hard_cancel" : "cancel");
    case "export": {
      const runId = await resolveRunRef(ctx, command.run);
      const response = await ctx.client.request(
        "GET",
        `/api/v1/runs/${runId}/export?format=${command.format}`,
      );
      return writeExport(ctx, readText(response), command.out);
    }
    case "export-evaluation": {
      const runId = await resolveRunRef(ctx, command.run);
      const response = await ctx.client.request(
        "GET",
        `/api/v1/runs/${runId}/evaluations/${encodeURIComponent(command.evaluation)}/export?format=${command.format}`,
      );
      return writeExport(ctx, readText(response), command.out);
    }
    case "import":
      return runRemoteImport(ctx, command);
    case "eval":
      return runRemoteEval(ctx, command);
    case "group":
      return readRemoteGroup(ctx, command);
    case "group-control":
      return controlRemoteGroup(ctx, command);
    case "reproduce":
      return reproduceRemote(ctx, command);
    case "backend-check":
      return checkRemoteBackend(ctx, command.name);
  }
}
