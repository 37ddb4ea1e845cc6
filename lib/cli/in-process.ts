/**
 * Executing a run inside the CLI when no worker is there to take it (no `npm start`): the same claim,
 * lease, heartbeat and outcome handling as a worker (lib/server/runner/worker-session.ts), so a worker that
 * starts meanwhile sees an ordinary leased run and leaves it alone.
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type PgBoss from "pg-boss";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { claimRun, finishRun, withDbRetry } from "@/lib/server/runner/lease";
import { DEFAULT_CRASH_LIMIT, RunSession } from "@/lib/server/runner/worker-session";

/** Lease owners of CLI processes start with this, so they are not mistaken for workers. */
export const CLI_OWNER_PREFIX = "cli:";

const LEASE_TTL_MS = 15_000;
const HEARTBEAT_MS = 3_000;

/**
 * Whether a worker is alive: one holds a live lease. An idle worker holds none, but it takes a queued
 * run up within its poll period (1 s by default), well inside the CLI's pickup wait.
 */
export async function isWorkerAlive(prisma: PrismaClient): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ alive: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM runs
      WHERE status = 'running' AND lease_expires_at > now()
        AND lease_owner NOT LIKE ${`${CLI_OWNER_PREFIX}%`}
    ) AS alive`;
  return rows[0]?.alive ?? false;
}

export interface InProcessRun {
  /** Settles when the execution has ended and its outcome is written. */
  done: Promise<void>;
  /**
   * Ctrl-C: aborts the step in flight and leaves the run paused at its last committed step, unless a
   * worker or a control got to it first. Best effort and quick: the database may be going down too
   * (Ctrl-C in a terminal also reaches an embedded server this process started); the run's lease then
   * expires and a worker or `espl wait` continues it.
   */
  interrupt(): Promise<void>;
}

export interface InProcessDeps {
  prisma: PrismaClient;
  boss: PgBoss;
}

/** Claims and starts executing the run; null when someone else holds it or it is not runnable. */
export async function startInProcess(deps: InProcessDeps, runId: string): Promise<InProcessRun | null> {
  const { prisma, boss } = deps;
  const owner = `${CLI_OWNER_PREFIX}${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  // Loaded here, not at the top: the engine takes seconds to load, which only executing needs;
  // before the claim, so that the lease's first seconds are not spent loading.
  const { executeRun } = await import("@/lib/server/runner/execute-run");
  const claimed = await withDbRetry(() => claimRun(prisma, runId, owner, LEASE_TTL_MS));
  if (claimed === null) return null;
  const session = new RunSession(
    // The session's worker-style log lines would only repeat what the step lines show.
    {
      prisma,
      boss,
      executor: executeRun,
      owner,
      leaseTtlMs: LEASE_TTL_MS,
      heartbeatMs: HEARTBEAT_MS,
      // A CLI process that died holding the run counts like a worker that did.
      crashLimit: DEFAULT_CRASH_LIMIT,
      log: () => {},
    },
    claimed,
  );
  const done = session.run();
  return {
    done,
    async interrupt() {
      // A shutdown gives the lease up with the run still running, as a stopping worker does; the CLI
      // then takes it back to pause it, unless a worker was quicker (then the run simply goes on there).
      session.abort("shutdown");
      await done;
      const quick = { maxElapsedMs: 3_000 };
      try {
        const again = await withDbRetry(() => claimRun(prisma, runId, owner, LEASE_TTL_MS), quick);
        if (again !== null) await withDbRetry(() => finishRun(prisma, runId, owner, "paused"), quick);
      } catch {
        // Reported by the caller, which reads the run's state next.
      }
    },
  };
}
