/**
 * `npm start`: brings up the database (embedded unless DATABASE_URL is set), applies migrations, builds
 * if needed, starts the production Next server and a run worker (lib/server/runner/worker/main.ts) beside it, and
 * prints the URL once /api/health answers. `npm run dev` does the same with `next dev`.
 * ESPL_PROCESSES=web or =worker (or --processes=) starts only one of the two, for a team's hosts
 * (start-processes.ts, docs/deploy.md).
 */
import "dotenv/config";
import { ALLOW_SERVER_ONLY } from "../../server/plain-node/paths";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { DEFAULT_SECRET_KEY_FILE, ensureSecretKey } from "@/lib/server/auth/secret-key-file";
import { DatabaseStartError } from "@/lib/server/db/errors";
import { applyMigrations } from "@/lib/server/db/migrate";
import { resolveDatabase, type ResolvedDatabase } from "@/lib/server/db/resolve-database";
import { isBuildStale } from "./build-freshness";
import { parseStartPlan } from "./start-processes";
import { describeRestart, nextRestart, type RestartState } from "./worker-restart";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const workerEntry = fileURLToPath(new URL("../../server/runner/worker/main.ts", import.meta.url));
const say = (line: string) => console.log(`[espl] ${line}`);

const children: ChildProcess[] = [];
let database: ResolvedDatabase | null = null;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const child of children) child.kill("SIGTERM");
    await Promise.all(
      children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)),
    );
    await database?.embedded?.stop().catch(() => {});
  }
  process.exit(code);
}

/**
 * The run worker, with the web server's DATABASE_URL. Node with tsx's loader (not the tsx CLI, which
 * would put the worker in a grandchild that signals may miss). A worker that dies is restarted, forever,
 * with exponential backoff (worker-restart.ts): the runs it held are taken over by the new one once their
 * leases expire, and /api/health says whether a worker is up meanwhile.
 */
function startWorker(env: NodeJS.ProcessEnv, restart: RestartState = { quickExits: 0 }, restarts = 0): void {
  const startedAt = Date.now();
  const worker = spawn(process.execPath, ["--import", ALLOW_SERVER_ONLY, "--import", "tsx", workerEntry], {
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  children.push(worker);
  worker.once("exit", (code, signal) => {
    children.splice(children.indexOf(worker), 1);
    if (stopping) return;
    const { delayMs, state } = nextRestart(restart, Date.now() - startedAt);
    console.error(`[espl] ${describeRestart(signal ?? `code ${code}`, delayMs, restarts + 1)}`);
    setTimeout(() => {
      if (!stopping) startWorker(env, state, restarts + 1);
    }, delayMs);
  });
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the web server did not become healthy within ${timeoutMs / 1000} s`);
}

async function main() {
  const started = Date.now();
  const plan = parseStartPlan(process.argv, process.env);
  if (!plan.mayGenerateSecretKey && !process.env.ESPL_SECRET_KEY && !existsSync(DEFAULT_SECRET_KEY_FILE))
    throw new Error(
      "a worker alone needs the web server's secret key: set ESPL_SECRET_KEY to the web server's, " +
        `or copy its ${DEFAULT_SECRET_KEY_FILE} here (docs/deploy.md)`,
    );
  database = await resolveDatabase(process.env, (line) => {
    if (/error|fatal/i.test(line)) console.error(`[postgres] ${line}`);
  });
  say(database.embedded ? `embedded PostgreSQL ready (${database.url})` : "using DATABASE_URL");
  const migrations = await applyMigrations(database.url);
  say(`migrations: ${migrations.applied.length} applied, ${migrations.alreadyApplied.length} already there`);

  if (plan.web && !dev && isBuildStale()) {
    say("building the web app (first start or sources changed)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }

  // Backend API keys are sealed with this key; without ESPL_SECRET_KEY one is generated once and kept.
  const secret = ensureSecretKey(process.env);
  if (secret.source === "generated") say("generated the secret key for API keys at rest (.data/secret-key)");
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    ESPL_SECRET_KEY: secret.key,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  if (plan.worker) startWorker(env);
  if (!plan.web) {
    say('started a run worker only (ESPL_PROCESSES=worker); it prints "worker ready" once it takes runs');
    return;
  }
  const web = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-H", host, "-p", String(port)], {
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  children.push(web);
  web.once("exit", (code) => {
    if (!stopping) {
      console.error(`[espl] the web server exited (code ${code})`);
      void shutdown(1);
    }
  });

  const base = `http://${host}:${port}`;
  await waitForHealth(`${base}/api/health`, dev ? 120_000 : 60_000);
  const alone = plan.worker ? "" : " (web server only: run workers on other hosts, docs/deploy.md)";
  say(`E-SPL Studio is ready at ${base}${alone} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

// The database is stopped last (see shutdown()), after the worker has handed its runs back.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(0));

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(
    error instanceof DatabaseStartError ? `[espl] database: ${message}` : `[espl] start failed: ${message}`,
  );
  void shutdown(1);
});
