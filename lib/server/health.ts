import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/server/db/client";
import { listMigrations } from "@/lib/server/db/migrate";
import { readWorkerState, type WorkerState } from "@/lib/server/runner/worker-heartbeat";

export interface Health {
  ok: boolean;
  db: "up" | "down";
  migrations: { applied: number; pending: number } | null;
  /**
   * Whether runs execute: the run workers' own heartbeats (they may be other processes or machines).
   * Not part of `ok`: the web app serves without a worker, and `npm start` restarts its worker.
   */
  worker: WorkerState | null;
  error?: string;
  time: string;
}

/** How many of this build's migrations the database has applied, and how many it lacks. */
async function readMigrationCounts(prisma: PrismaClient): Promise<{ applied: number; pending: number }> {
  const rows = await prisma.$queryRaw<{ name: string }[]>`
    SELECT migration_name AS name FROM "_prisma_migrations"
    WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const applied = new Set(rows.map((r) => r.name));
  return { applied: applied.size, pending: listMigrations().filter((m) => !applied.has(m)).length };
}

/** Liveness of the web app, its database and the run workers; `ok` only when every migration is applied. */
export async function checkHealth(): Promise<Health> {
  const time = new Date().toISOString();
  try {
    const migrations = await readMigrationCounts(getPrisma());
    // Before the migration that adds the workers table is applied, there is nothing to tell.
    const worker = migrations.pending === 0 ? await readWorkerState(getPrisma()) : null;
    return { ok: migrations.pending === 0, db: "up", migrations, worker, time };
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return {
      ok: false,
      db: "down",
      migrations: null,
      worker: null,
      error: e.code ?? "database unreachable",
      time,
    };
  }
}

export interface Readiness {
  ready: boolean;
  /** Why it is not ready, in plain words; empty when ready. */
  reasons: string[];
  time: string;
}

/** A probe that waits longer than a load balancer's own timeout tells it nothing: give up first. */
export const READINESS_DB_TIMEOUT_MS = 3_000;

/** Resolves with the query's result, or with `null` when it did not settle in time (the query runs on). */
export async function withinTime<T>(query: Promise<T>, timeoutMs: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Readiness of the web process (GET /api/health/ready): whether it can serve requests now, that is its
 * database answers and has every migration of this build. Unlike checkHealth, the workers play no part:
 * a load balancer should keep sending pages to a web process whose workers are down.
 */
export async function checkReadiness(
  client?: PrismaClient,
  timeoutMs = READINESS_DB_TIMEOUT_MS,
): Promise<Readiness> {
  const time = new Date().toISOString();
  const notReady = (reason: string): Readiness => ({ ready: false, reasons: [reason], time });
  let prisma: PrismaClient;
  try {
    prisma = client ?? getPrisma();
  } catch {
    return notReady("DATABASE_URL is not set");
  }
  const answered = await withinTime(
    prisma.$queryRaw`SELECT 1`.then(
      () => true,
      () => false,
    ),
    timeoutMs,
  );
  const slow = `the database did not answer within ${timeoutMs / 1000} s`;
  if (answered === null) return notReady(slow);
  if (!answered) return notReady("the database does not answer");
  const migrations = await withinTime(
    readMigrationCounts(prisma).catch(() => "unreadable" as const),
    timeoutMs,
  );
  if (migrations === null) return notReady(slow);
  // No migration table at all is a database nobody has migrated yet.
  if (migrations === "unreadable")
    return notReady("the database's migrations could not be read (none applied yet?)");
  if (migrations.pending > 0)
    return notReady(
      `${migrations.pending} migration${migrations.pending === 1 ? " is" : "s are"} not applied yet ` +
        "(run npm run db:migrate, or start the web process with npm start, which applies them)",
    );
  return { ready: true, reasons: [], time };
}
