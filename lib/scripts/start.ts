/**
 * `npm start`: brings up the database (embedded unless DATABASE_URL is set), applies migrations, builds
 * if needed, starts the production Next server and prints the URL once /api/health answers.
 * `npm run dev` does the same with `next dev`.
 */
import "dotenv/config";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { DatabaseStartError } from "../db/errors";
import { applyMigrations } from "../db/migrate";
import { resolveDatabase, type ResolvedDatabase } from "../db/resolve-database";
import { isBuildStale } from "./build-freshness";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
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
  database = await resolveDatabase(process.env, (line) => {
    if (/error|fatal/i.test(line)) console.error(`[postgres] ${line}`);
  });
  say(database.embedded ? `embedded PostgreSQL ready (${database.url})` : "using DATABASE_URL");
  const migrations = await applyMigrations(database.url);
  say(`migrations: ${migrations.applied.length} applied, ${migrations.alreadyApplied.length} already there`);

  if (!dev && isBuildStale()) {
    say("building the web app (first start or sources changed)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }

  const env = { ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1" };
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
  say(`E-SPL Studio is ready at ${base} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(0));

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(
    error instanceof DatabaseStartError ? `[espl] database: ${message}` : `[espl] start failed: ${message}`,
  );
  void shutdown(1);
});
