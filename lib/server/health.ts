import "server-only";
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

/** Liveness of the web app, its database and the run workers; `ok` only when every migration is applied. */
export async function checkHealth(): Promise<Health> {
  const time = new Date().toISOString();
  try {
    const rows = await getPrisma().$queryRaw<{ name: string }[]>`
      SELECT migration_name AS name FROM "_prisma_migrations"
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const applied = new Set(rows.map((r) => r.name));
    const pending = listMigrations().filter((m) => !applied.has(m)).length;
    // Before the migration that adds the workers table is applied, there is nothing to tell.
    const worker = pending === 0 ? await readWorkerState(getPrisma()) : null;
    return { ok: pending === 0, db: "up", migrations: { applied: applied.size, pending }, worker, time };
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
