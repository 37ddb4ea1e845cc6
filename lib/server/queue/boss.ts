/**
 * pg-boss, one instance per process. The worker and the web server (which only sends) each start one on
 * the same database; pg-boss keeps its tables in the `pgboss` schema, which `start()` creates or migrates
 * (concurrent starters are safe). Its pool reconnects on its own after a lost connection.
 */
import "server-only";
import PgBoss from "pg-boss";
import { ensureEvaluationQueue } from "./evaluation-queue";
import { ensureRunQueue } from "./run-queue";

export interface BossOptions {
  /** Run pg-boss maintenance (expiring and archiving jobs) in this process. Workers do; senders need not. */
  supervise?: boolean;
  /** Connections in pg-boss's own pool. */
  maxConnections?: number;
  log?: (line: string) => void;
}

/** A started instance with the run and evaluation queues created. The caller owns it and stops it. */
export async function startBoss(url: string, options: BossOptions = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    application_name: "espl-pgboss",
    max: options.maxConnections ?? 4,
    supervise: options.supervise ?? false,
    schedule: false,
    migrate: true,
  });
  // Without a listener an 'error' event would crash the process; pg-boss emits one for every failed
  // maintenance round or dropped idle connection, and carries on by itself.
  const log = options.log ?? ((line: string) => console.error(line));
  boss.on("error", (error) => log(`event=queue_error message=${JSON.stringify(error.message)}`));
  await boss.start();
  await ensureRunQueue(boss);
  await ensureEvaluationQueue(boss);
  return boss;
}

const cache = globalThis as unknown as { esplBoss?: Promise<PgBoss> };

/**
 * The process's shared instance over DATABASE_URL, started on first use (the web server's controls use
 * this). Survives hot reloads in `next dev` through globalThis, like the Prisma client.
 */
export function getBoss(): Promise<PgBoss> {
  if (!cache.esplBoss) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set (npm start sets it, also for the embedded database)");
    const starting = startBoss(url);
    // A failed start must not be cached forever: the next call tries again.
    starting.catch(() => {
      if (cache.esplBoss === starting) cache.esplBoss = undefined;
    });
    cache.esplBoss = starting;
  }
  return cache.esplBoss;
}

/** Stops the shared instance, if one was started (process shutdown, tests). */
export async function stopSharedBoss(): Promise<void> {
  const starting = cache.esplBoss;
  cache.esplBoss = undefined;
  const boss = await starting?.catch(() => null);
  await boss?.stop({ graceful: false });
}
