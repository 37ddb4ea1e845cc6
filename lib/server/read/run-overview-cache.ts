import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { notFound } from "@/lib/domain/errors";
import { scopedRunWhere, type ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import { encodeOverview, sliceOverviewAfter } from "@/lib/view/runs/overview-wire";
import { getRunOverview, type RunOverview, type RunOverviewOptions } from "./run-overview";

/**
 * The run page's overview requests, answered once per change of the run: twenty viewers polling the same
 * run while it steps would otherwise each rebuild the same answer. A run's overview changes only with a
 * write to its row (every step commit, status change and rename bumps runs.updated_at) or a new step, so
 * those two, read through the scoped primary key and the (run_id, step) index, version every entry; the
 * version is also the ETag, so a client that holds it gets 304 without the overview being read at all.
 * Entries also expire after TTL_MS, bounding what a write outside those paths (a renamed backend) leaves
 * stale (FINISHED_TTL_MS for a finished run, whose steps no longer change). Concurrent requests for one entry share one read.
 * A delta (sinceStep) is its own entry: cut from the whole overview of the same version where one is held
 * (sliceOverviewAfter), else read by the delta queries (only the steps after sinceStep). Viewers following
 * a running run hold the same step, so a new step costs at most one small read, never a whole one.
 */
const TTL_MS = 2_000;
/** A finished run changes only by a rename or deletion (both bump or remove its row): kept longer. */
const FINISHED_TTL_MS = 60_000;
const MAX_ENTRIES = 200;

interface Entry {
  version: string;
  expiresAt: number;
  overview: Promise<RunOverview>;
  /** Answers as JSON, per form (plain, compact), each made once per entry. */
  bodies: Map<string, Promise<string>>;
}

const entries = new Map<string, Entry>();

export interface OverviewAnswer {
  etag: string;
  /** The JSON (compact: lib/view/runs/overview-wire.ts); null when the caller's ETag still matches. */
  body: Promise<string> | null;
}

async function readVersion(scope: ReadScope, runId: string) {
  const prisma = getPrisma();
  const maxStep = scope.frozenAtStep ?? 2_147_483_647;
  const [run, [head]] = await Promise.all([
    prisma.run.findFirst({
      where: scopedRunWhere(scope, runId),
      select: { updatedAt: true, status: true },
    }),
    prisma.$queryRaw<{ last: number | null }[]>`
      SELECT max(step)::int AS last FROM steps WHERE run_id = ${runId}::uuid AND step <= ${maxStep}::int`,
  ]);
  if (!run) throw notFound("run");
  return { run, last: head?.last ?? null };
}

/** The run's version (and whether the caller may read it at all): what an entry and an ETag are valid for. */
async function versionOf(scope: ReadScope, runId: string, options: RunOverviewOptions) {
  if (!z.guid().safeParse(runId).success) throw notFound("run");
  const { run, last } = await readVersion(scope, runId);
  const key = (sinceStep: number | null) =>
    JSON.stringify([
      runId,
      scope.frozenAtStep ?? null,
      options.metrics ?? null,
      options.points ?? null,
      sinceStep,
    ]);
  const version = `${run.updatedAt.getTime()}:${run.status}:${last}`;
  const finished = run.status === "completed" || run.status === "failed" || run.status === "cancelled";
  return { request: key(options.sinceStep ?? null), whole: key(null), version, finished };
}

function entryFor(
  scope: ReadScope,
  runId: string,
  options: RunOverviewOptions,
  v: Awaited<ReturnType<typeof versionOf>>,
) {
  const now = Date.now();
  const current = (e: Entry | undefined): e is Entry => !!e && e.version === v.version && e.expiresAt > now;
  const held = entries.get(v.request);
  if (current(held)) return held;
  const since = options.sinceStep ?? null;
  const whole = since === null ? undefined : entries.get(v.whole);
  // A delta is cut from this version's whole overview when one is read or being read (a page load made
  // it); otherwise only the steps after sinceStep are read, far less than the whole run.
  const overview = current(whole)
    ? whole.overview.then((o) => sliceOverviewAfter(o, since!))
    : getRunOverview(scope, runId, { ...options, sinceStep: since });
  const entry: Entry = {
    version: v.version,
    expiresAt: now + (v.finished ? FINISHED_TTL_MS : TTL_MS),
    overview,
    bodies: new Map(),
  };
  // A failed read is not kept: the next request tries again.
  overview.catch(() => {
    if (entries.get(v.request) === entry) entries.delete(v.request);
  });
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(v.request, entry);
  return entry;
}

/** getRunOverview, shared by concurrent and repeated requests while the run stays as it is (the run page). */
export async function readRunOverview(
  scope: ReadScope,
  runId: string,
  options: RunOverviewOptions,
): Promise<RunOverview> {
  return entryFor(scope, runId, options, await versionOf(scope, runId, options)).overview;
}

/** The overview route's answer: the JSON body, or none when the caller's ETag is current. */
export async function answerRunOverview(
  scope: ReadScope,
  runId: string,
  options: RunOverviewOptions,
  compact: boolean,
  ifNoneMatch: string | null,
): Promise<OverviewAnswer> {
  const v = await versionOf(scope, runId, options);
  const form = String(compact);
  const etag = `"${createHash("sha1").update(`${v.request}|${form}|${v.version}`).digest("base64url").slice(0, 20)}"`;
  if (ifNoneMatch === etag) return { etag, body: null };
  const entry = entryFor(scope, runId, options, v);
  let body = entry.bodies.get(form);
  if (!body) {
    body = entry.overview.then((o) => JSON.stringify(compact ? encodeOverview(o) : o));
    entry.bodies.set(form, body);
  }
  return { etag, body };
}
