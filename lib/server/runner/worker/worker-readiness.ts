/**
 * Whether a worker process takes runs now (its GET /readyz): it has started, is not shutting down, its
 * own database pool answers, pg-boss (its queue) runs and still answers on its own pool, and its heartbeat
 * row is fresh, so that /api/health counts it too. Each database question has a deadline: a probe that
 * hangs as long as the database does tells an orchestrator nothing.
 */
import "server-only";
import type PgBoss from "pg-boss";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { withinTime } from "@/lib/server/health";
import { RUN_QUEUE } from "@/lib/server/queue/run-queue";
import type { RunWorker } from "@/lib/server/runner/worker";
import type { WorkerReadiness } from "./worker-health-server";

/** What the worker process knows of itself; filled in as it starts, `stopping` set on the first signal. */
export interface WorkerProcessState {
  workerId: string;
  stopping: boolean;
  prisma: PrismaClient | null;
  boss: PgBoss | null;
  /** pg-boss said "stopped": it no longer hands out jobs. */
  queueStopped: boolean;
  worker: RunWorker | null;
}

export const READINESS_TIMEOUT_MS = 3_000;

type Answer<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The query's value; a thrown error or a missed deadline become a reason in plain words. */
async function ask<T>(query: () => Promise<T>, what: string, timeoutMs: number): Promise<Answer<T>> {
  const settled = await withinTime<Answer<T>>(
    query().then(
      (value) => ({ ok: true, value }),
      () => ({ ok: false, reason: `${what} does not answer` }),
    ),
    timeoutMs,
  );
  return settled ?? { ok: false, reason: `${what} did not answer within ${timeoutMs / 1000} s` };
}

export async function checkWorkerReadiness(
  state: WorkerProcessState,
  timeoutMs = READINESS_TIMEOUT_MS,
): Promise<WorkerReadiness> {
  const { workerId, prisma, boss, worker } = state;
  const base = {
    workerId,
    runsHeld: worker?.activeRuns() ?? [],
    lastHeartbeatAt: null as string | null,
    time: new Date().toISOString(),
  };
  const notReady = (reason: string): WorkerReadiness => ({ ready: false, reason, ...base });
  if (state.stopping) return notReady("the worker is shutting down: it takes no new runs");
  if (!prisma || !boss || !worker) return notReady("the worker is starting");
  if (state.queueStopped) return notReady("the queue (pg-boss) has stopped: the worker takes no new runs");

  const rows = await ask(
    () => prisma.$queryRaw<{ heartbeatAt: Date; live: boolean }[]>`
      SELECT heartbeat_at AS "heartbeatAt", expires_at > now() AS live FROM workers WHERE id = ${workerId}`,
    "the database",
    timeoutMs,
  );
  if (!rows.ok) return notReady(rows.reason);
  const row = rows.value[0];
  base.lastHeartbeatAt = row?.heartbeatAt.toISOString() ?? null;
  // pg-boss keeps a pool of its own: the worker's queries may answer while its job fetches do not.
  const queue = await ask(() => boss.getQueue(RUN_QUEUE), "the queue's database connection", timeoutMs);
  if (!queue.ok) return notReady(queue.reason);
  if (queue.value === null) return notReady(`the run queue ${RUN_QUEUE} does not exist`);
  if (!row) return notReady("its heartbeat is not recorded yet");
  if (!row.live) return notReady(`its heartbeat is late (the last one was at ${base.lastHeartbeatAt})`);
  return { ready: true, ...base };
}
