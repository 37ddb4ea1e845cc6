/**
 * Decides which PostgreSQL the product uses: DATABASE_URL when set, otherwise the embedded server.
 * DATABASE_URL is the only switch.
 */
import "server-only";
import pg from "pg";
import { DatabaseStartError } from "./errors";
import { embeddedUrl, startEmbeddedDatabase, type EmbeddedDatabase } from "./embedded";

export interface ResolvedDatabase {
  url: string;
  embedded: EmbeddedDatabase | null;
}

export const EMBEDDED_DEFAULTS = { dataDir: ".data/postgres", port: 54329, database: "espl" } as const;

function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return "the configured server";
  }
}

async function isReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Fails with a readable message when the server cannot be reached, instead of a driver stack trace. */
export async function checkConnection(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new DatabaseStartError(
      `cannot reach PostgreSQL at ${describeTarget(url)} (${e.code ?? e.message}). ` +
        "Check DATABASE_URL, or unset it to use the embedded database.",
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/** Environment variables as plain strings (Next's ProcessEnv type demands NODE_ENV, tests pass less). */
export type EnvVars = Record<string, string | undefined>;

export async function resolveDatabase(
  env: EnvVars = process.env,
  log?: (line: string) => void,
): Promise<ResolvedDatabase> {
  if (env.DATABASE_URL) {
    await checkConnection(env.DATABASE_URL);
    return { url: env.DATABASE_URL, embedded: null };
  }
  const port = Number(env.EMBEDDED_PG_PORT ?? EMBEDDED_DEFAULTS.port);
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new DatabaseStartError(`EMBEDDED_PG_PORT must be a TCP port, got "${env.EMBEDDED_PG_PORT}"`);
  // Another process of ours (npm start, a worker, the CLI) may already serve the embedded database.
  const runningUrl = embeddedUrl(port, EMBEDDED_DEFAULTS.database);
  if (await isReachable(runningUrl)) return { url: runningUrl, embedded: null };
  const embedded = await startEmbeddedDatabase({
    dataDir: env.EMBEDDED_PG_DIR ?? EMBEDDED_DEFAULTS.dataDir,
    port,
    database: EMBEDDED_DEFAULTS.database,
    log,
  });
  return { url: embedded.url, embedded };
}
