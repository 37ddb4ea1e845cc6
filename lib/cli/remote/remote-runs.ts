/**
 * Runs over HTTP: RUN resolved as with the database (an id, or a unique prefix of a recent run's), the
 * token's one project, and following a run by polling its summary (one line per new step), since only
 * the server's worker executes it.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { RunPage } from "@/lib/server/api-v1/api-runs";
import type { RunDetail } from "@/lib/domain/runs/run-detail";
import { CliError, EXIT } from "../cli-error";
import type { CliContext } from "../cli-context";
import { formatProgress, formatRunEnd } from "../format-run";
import type { ApiClient } from "./api-client";

export type RemoteContext = Omit<CliContext, "db"> & { client: ApiClient };

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PREFIX = /^[0-9a-f][0-9a-f-]{3,35}$/;
const ENDED = new Set(["completed", "failed", "cancelled"]);
/** How many runs a prefix is looked up among (newest first): the ids a person types from recent output. */
const PREFIX_SEARCH_PAGES = 5;

/** RUN as with the database: a full id, or a unique prefix of a recent run's id. */
export async function resolveRunRef(ctx: RemoteContext, ref: string): Promise<string> {
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

export const readRun = (ctx: RemoteContext, runId: string) =>
  ctx.client.json<RunDetail>("GET", `/api/v1/runs/${runId}`);

/** The project a launch goes to: the token's one project (the local mode's default project). */
export async function readTokenProject(ctx: RemoteContext): Promise<{ projectId: string; slug: string }> {
  const me = await ctx.client.json<{ projects: { projectId: string; slug: string }[] }>("GET", "/api/v1/me");
  const project = me.projects[0];
  if (!project || me.projects.length > 1)
    throw new CliError("the credential must reach exactly one project (use a project's API token)");
  return project;
}

/** Waits one poll interval (ESPL_POLL_MS, default 1 s); false when Ctrl-C came first. */
export async function waitPoll(ctx: RemoteContext): Promise<boolean> {
  const value = Number(ctx.env.ESPL_POLL_MS);
  const ms = Number.isFinite(value) && value >= 50 ? value : 1_000;
  try {
    await sleep(ms, undefined, { signal: ctx.signal });
    return true;
  } catch {
    return false;
  }
}

/** Follows a run until it ends: 0 when it completed, 1 when it failed, was cancelled or paused. */
export async function followRemoteRun(ctx: RemoteContext, runId: string): Promise<number> {
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
    if (!(await waitPoll(ctx))) {
      ctx.note(`stopped following ${runId}; the run goes on on the server`);
      return EXIT.interrupted;
    }
  }
}
