/**
 * The commands over HTTP (`espl login`, or ESPL_URL + ESPL_TOKEN): the same options and output as with
 * the database, through /api/v1 with the token, so the server's role rules apply. A run is followed by
 * polling its summary (one line per new step), since only the server's worker executes it.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { RunControl, RunStatus } from "@/lib/generated/prisma/enums";
import type { RunPage } from "@/lib/server/api-v1/api-runs";
import type { RunDetail } from "@/lib/domain/runs/run-detail";
import type { ExperimentGroups } from "@/lib/server/read/experiment-groups";
import {
  formatResultsCsv,
  formatResultsLatex,
  formatResultsMarkdown,
} from "@/lib/view/experiments/format-results";
import { buildConfigOverrides } from "../run-config";
import { CliError, EXIT } from "../cli-error";
import type { CliContext } from "../cli-context";
import { formatProgress, formatRunDetail, formatRunEnd, formatRunList } from "../format-run";
import type { Command, RunOptions } from "../parse-command";
import { writeExport } from "../commands/export-command";
import type { ApiClient } from "./api-client";

export type RemoteContext = Omit<CliContext, "db"> & { client: ApiClient };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PREFIX = /^[0-9a-f][0-9a-f-]{3,35}$/;
const ENDED = new Set(["completed", "failed", "cancelled"]);
/** How many runs a prefix is looked up among (newest first): the ids a person types from recent output. */
const PREFIX_SEARCH_PAGES = 5;

/** RUN as with the database: a full id, or a unique prefix of a recent run's id. */
async function resolveRunRef(ctx: RemoteContext, ref: string): Promise<string> {
  const text = ref.trim().toLowerCase();
  if (UUID.test(text)) return text;
  if (!PREFIX.test(text))
    throw new CliError(`no run "${ref}" (give a run id, or at least its first 4 characters)`);
  const found: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < PREFIX_SEARCH_PAGES; page++) {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const result: RunPage = await ctx.client.json<RunPage>("GET", `/api/v1/runs?limit=100${query}`);
    found.push(...result.rows.map((r) => r.id).filter((id) => id.startsWith(text)));
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  if (found.length === 0) throw new CliError(`no run ${ref}`);
  if (found.length > 1) throw new CliError(`${ref} is ambiguous: ${found.slice(0, 3).join(", ")}`);
  return found[0]!;
}

const readRun = (ctx: RemoteContext, runId: string) =>
  ctx.client.json<RunDetail>("GET", `/api/v1/runs/${runId}`);

function readPollMs(env: Record<string, string | undefined>): number {
  const value = Number(env.ESPL_POLL_MS);
  return Number.isFinite(value) && value >= 50 ? value : 1_000;
}

/** Follows a run until it ends: 0 when it completed, 1 when it failed, was cancelled or paused. */
async function followRemoteRun(ctx: RemoteContext, runId: string): Promise<number> {
  let shown = -1;
  for (;;) {
    const run = await readRun(ctx, runId);
    if (run.currentStep !== shown && run.status !== "queued") {
      shown = run.currentStep;
      ctx.out(`${run.status.padEnd(9)} ${formatProgress(run.currentStep, run.totalSteps)}`);
    }
    if (ENDED.has(run.status)) {
      ctx.out(formatRunEnd(run));
      return run.status === "completed" ? EXIT.ok : EXIT.failed;
    }
    if (run.status === "paused") {
      ctx.note(`paused; continue with: espl resume ${run.id} --wait`);
      return EXIT.failed;
    }
    try {
      await sleep(readPollMs(ctx.env), undefined, { signal: ctx.signal });
    } catch {
      ctx.note(`stopped following ${runId}; the run goes on on the server`);
      return EXIT.interrupted;
    }
  }
}

async function runRemoteRun(ctx: RemoteContext, options: RunOptions): Promise<number> {
  if (options.seeds !== undefined || options.sweep !== undefined)
    throw new CliError("--seeds and --sweep are not available over HTTP yet");
  if (options.backend !== "sim")
    throw new CliError("--backend is not available over HTTP yet (the simulator only)");
  const config = buildConfigOverrides(options.configFile, options.setOverrides);
  const me = await ctx.client.json<{ projects: { projectId: string; slug: string }[] }>("GET", "/api/v1/me");
  const project = me.projects[0];
  if (!project || me.projects.length > 1)
    throw new CliError("the credential must reach exactly one project (use a project's API token)");
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

const WRITERS = { csv: formatResultsCsv, md: formatResultsMarkdown, tex: formatResultsLatex } as const;

async function runRemoteGroup(
  ctx: RemoteContext,
  options: { name: string; format: "json" | "csv" | "md" | "tex"; by?: string },
): Promise<number> {
  let groupId = options.name;
  if (!UUID.test(options.name)) {
    const page = await ctx.client.json<{ rows: { id: string }[] }>(
      "GET",
      `/api/v1/groups?name=${encodeURIComponent(options.name)}&limit=1`,
    );
    if (!page.rows[0]) throw new CliError(`no experiment "${options.name}" in the token's project`);
    groupId = page.rows[0].id;
  }
  const by = options.by === undefined ? "" : `?by=${encodeURIComponent(options.by)}`;
  const read = await ctx.client.json<ExperimentGroups>("GET", `/api/v1/groups/${groupId}/results${by}`);
  if (options.format === "json") ctx.stdout.write(`${JSON.stringify(read, null, 2)}\n`);
  else ctx.stdout.write(WRITERS[options.format](read.table));
  if (read.table.runs.length === 0) ctx.note(`experiment "${read.experiment.name}" has no runs`);
  return EXIT.ok;
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
    case "group":
      return runRemoteGroup(ctx, command);
    default:
      throw new CliError(
        `espl ${command.kind} is not available over HTTP yet; without ESPL_URL and a login (espl logout) it uses the database`,
      );
  }
}
