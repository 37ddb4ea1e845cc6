import "server-only";
import { getPrisma } from "@/lib/db/client";
import { listMigrations } from "@/lib/db/migrate";

export interface Health {
  ok: boolean;
  db: "up" | "down";
  migrations: { applied: number; pending: number } | null;
  error?: string;
  time: string;
}

/** Liveness of the web app and its database; `ok` only when every migration is applied. */
export async function checkHealth(): Promise<Health> {
  const time = new Date().toISOString();
  try {
    const rows = await getPrisma().$queryRaw<{ name: string }[]>`
      SELECT migration_name AS name FROM "_prisma_migrations"
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const applied = new Set(rows.map((r) => r.name));
    const pending = listMigrations().filter((m) => !applied.has(m)).length;
    return { ok: pending === 0, db: "up", migrations: { applied: applied.size, pending }, time };
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return { ok: false, db: "down", migrations: null, error: e.code ?? "database unreachable", time };
  }
}
