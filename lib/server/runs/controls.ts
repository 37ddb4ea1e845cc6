/**
 * Run controls for the dashboard and the CLI. A run no worker holds (queued, paused) changes status at
 * once; a running run gets a request in its `control` column, which its worker takes up at the next
 * iteration boundary (pause, cancel) or within a heartbeat (hard cancel: in-flight model calls are
 * aborted). Invalid requests are refused with a conflict that says why.
 *
 * Each change is a compare-and-set on (status, control), retried when a worker moved the run in between,
 * so a control never overwrites a change it did not see.
 */
import "server-only";
import type PgBoss from "pg-boss";
import { writeAudit, type AuditAction } from "@/lib/server/auth/audit/audit";
import { getPrisma } from "@/lib/server/db/client";
import { conflict, notFound } from "@/lib/domain/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { RunControl, RunStatus } from "@/lib/generated/prisma/enums";
import { getBoss } from "@/lib/server/queue/boss";
import { sendRunJob } from "@/lib/server/queue/run-queue";
import { assertTransition } from "@/lib/domain/runs/run-status";

export interface ControlDeps {
  /** Default: the process's client over DATABASE_URL. */
  prisma?: PrismaClient;
  /** Default: the process's pg-boss over DATABASE_URL, started on first use. */
  boss?: PgBoss;
  /** Who asked, for the audit log; null or absent: the system (the CLI). */
  actorId?: string | null;
}

export interface ControlResult {
  runId: string;
  status: RunStatus;
  control: RunControl;
  /** False when the change was requested from the run's worker and takes effect at its next safe point. */
  immediate: boolean;
}

interface RunState {
  status: RunStatus;
  control: RunControl;
}

type Change =
  | { status?: RunStatus; control: RunControl; finishedAt?: Date; statusDetail?: null }
  /** The request needs nothing written (never used to refuse: refusals throw). */
  | null;

const MAX_RACES = 5;

/**
 * Reads the run, asks `decide` what to write (it throws a conflict to refuse) and writes it only if the
 * run is still in the state decide saw, with its audit entry in the same transaction.
 */
async function changeRun(
  prisma: PrismaClient,
  runId: string,
  decide: (run: RunState) => Change,
  audit?: { action: AuditAction; actorId: string | null },
): Promise<ControlResult> {
  for (let race = 0; race < MAX_RACES; race++) {
    const found = await prisma.run.findUnique({
      where: { id: runId },
      select: { status: true, control: true, projectId: true, source: true },
    });
    if (!found) throw notFound("run");
    const { projectId, source, ...run } = found;
    // An imported run is a record of a run executed elsewhere: nothing here can pause or resume it.
    if (source === "imported") throw conflict("this run was imported and is read-only");
    const change = decide(run);
    if (change === null) return { runId, ...run, immediate: true };
    const count = await prisma.$transaction(async (tx) => {
      const { count } = await tx.run.updateMany({
        where: { id: runId, status: run.status, control: run.control },
        data: change,
      });
      if (count === 1 && audit)
        await writeAudit(tx, {
          projectId,
          actorId: audit.actorId,
          action: audit.action,
          targetType: "run",
          targetId: runId,
        });
      return count;
    });
    if (count === 1) {
      const status = change.status ?? run.status;
      const immediate = change.status !== undefined || change.control === "none";
      return { runId, status, control: change.control, immediate };
    }
  }
  throw conflict("the run kept changing while the request was applied; try again");
}

const isCancelRequested = (control: RunControl) => control === "cancel" || control === "hard_cancel";

function cancelNow(run: RunState): Change {
  assertTransition(run.status, "cancelled");
  return { status: "cancelled", control: "none", finishedAt: new Date(), statusDetail: null };
}

function isValidRunId(runId: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(runId);
}

function resolveDeps(runId: string, deps: ControlDeps): PrismaClient {
  // Prisma rejects a malformed UUID with an opaque error; for the caller it is simply a run that does not exist.
  if (!isValidRunId(runId)) throw notFound("run");
  return deps.prisma ?? getPrisma();
}

async function sendJob(runId: string, deps: ControlDeps): Promise<void> {
  try {
    await sendRunJob(deps.boss ?? (await getBoss()), runId);
  } catch {
    // The run is queued in the database: the workers' reapers enqueue it within seconds anyway.
  }
}

/** Puts a queued run (a new one) on the queue. Sending twice is harmless: one job waits per run. */
export async function enqueueRun(runId: string, deps: ControlDeps = {}): Promise<ControlResult> {
  const prisma = resolveDeps(runId, deps);
  const result = await changeRun(prisma, runId, (run) => {
    if (run.status !== "queued")
      throw conflict(`only a queued run can be enqueued; this run is ${run.status}`);
    return null;
  });
  await sendJob(runId, deps);
  return result;
}

const auditAs = (action: AuditAction, deps: ControlDeps) => ({ action, actorId: deps.actorId ?? null });

export async function pauseRun(runId: string, deps: ControlDeps = {}): Promise<ControlResult> {
  return changeRun(
    resolveDeps(runId, deps),
    runId,
    (run) => {
      if (run.status === "running") {
        if (run.control === "pause") throw conflict("a pause was already requested for this run");
        if (isCancelRequested(run.control)) throw conflict("the run is being cancelled");
        assertTransition("running", "paused");
        return { control: "pause" };
      }
      assertTransition(run.status, "paused");
      return { status: "paused", control: "none" };
    },
    auditAs("run.paused", deps),
  );
}

/** A paused run is queued again; a running run whose pause has not taken effect yet just keeps running. */
export async function resumeRun(runId: string, deps: ControlDeps = {}): Promise<ControlResult> {
  const result = await changeRun(
    resolveDeps(runId, deps),
    runId,
    (run) => {
      if (run.status === "running") {
        if (run.control === "pause") return { control: "none" };
        throw conflict(
          isCancelRequested(run.control) ? "the run is being cancelled" : "the run is already running",
        );
      }
      if (run.status === "queued") throw conflict("the run is already queued");
      assertTransition(run.status, "queued");
      return { status: "queued", control: "none", statusDetail: null };
    },
    auditAs("run.resumed", deps),
  );
  if (result.status === "queued") await sendJob(runId, deps);
  return result;
}

/** Graceful: a running run stops at its next iteration boundary, keeping every committed step. */
export async function cancelRun(runId: string, deps: ControlDeps = {}): Promise<ControlResult> {
  return changeRun(
    resolveDeps(runId, deps),
    runId,
    (run) => {
      if (run.status !== "running") return cancelNow(run);
      if (isCancelRequested(run.control)) throw conflict("a cancel was already requested for this run");
      assertTransition("running", "cancelled");
      return { control: "cancel" };
    },
    auditAs("run.cancelled", deps),
  );
}

/** Like cancelRun, but a running run's in-flight model calls are aborted instead of awaited. */
export async function hardCancelRun(runId: string, deps: ControlDeps = {}): Promise<ControlResult> {
  return changeRun(
    resolveDeps(runId, deps),
    runId,
    (run) => {
      if (run.status !== "running") return cancelNow(run);
      if (run.control === "hard_cancel") throw conflict("a hard cancel was already requested for this run");
      assertTransition("running", "cancelled");
      return { control: "hard_cancel" };
    },
    auditAs("run.hard_cancelled", deps),
  );
}
