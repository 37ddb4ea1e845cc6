/**
 * The team deployment of docs/deploy.md, for real: `npm start` with ESPL_PROCESSES=web starts a web server
 * alone on an external database (here the suite's), and one with ESPL_PROCESSES=worker a run worker alone,
 * with its health port. Each answers its own readiness endpoint; the web server starts no worker of its
 * own, and it sees the separate worker through the database.
 */
import { expect, test } from "@playwright/test";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { withDb } from "./db";

const basePort = Number(process.env.E2E_PORT ?? 3100);
const webPort = basePort + 11;
const workerHealthPort = basePort + 12;

interface Started {
  child: ChildProcess;
  output: string[];
}

/** `npm start`'s script, as a deployment host runs it, printing to `output`. */
function startProcesses(env: Record<string, string>): Started {
  const output: string[] = [];
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--import",
      "./lib/server/plain-node/allow-server-only.mjs",
      "lib/tools/scripts/start.ts",
    ],
    {
      env: { ...process.env, DATABASE_URL: process.env.E2E_DB_URL!, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  for (const stream of [child.stdout!, child.stderr!])
    stream.on("data", (chunk) => output.push(String(chunk)));
  return { child, output };
}

async function stop(started: Started | undefined) {
  if (!started || started.child.exitCode !== null) return;
  const exited = new Promise((resolve) => started.child.once("exit", resolve));
  started.child.kill("SIGTERM");
  await exited;
}

/** Every process below `pid`, with its command line. */
function descendantsOf(pid: number): string[] {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line)!)
    .map(([, p, pp, args]) => ({ pid: Number(p), ppid: Number(pp), args: args! }));
  const found: string[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const row of rows.filter((r) => r.ppid === parent)) {
      found.push(row.args);
      queue.push(row.pid);
    }
  }
  return found;
}

let web: Started | undefined;
let worker: Started | undefined;

test.afterAll(async () => {
  await Promise.all([stop(web), stop(worker)]);
});

test("a web server alone and a worker alone, each on its own readiness endpoint, meet through the database", async () => {
  test.setTimeout(120_000);
  web = startProcesses({ ESPL_PROCESSES: "web", PORT: String(webPort), HOST: "127.0.0.1" });
  await expect
    .poll(() => web!.output.join(""), { timeout: 90_000 })
    .toContain(`ready at http://127.0.0.1:${webPort} (web server only`);
  const ready = await fetch(`http://127.0.0.1:${webPort}/api/health/ready`);
  expect(ready.status).toBe(200);
  expect((await fetch(`http://127.0.0.1:${webPort}/sign-in`)).status).toBe(200);
  // Web only: next start and nothing that runs runs.
  const below = descendantsOf(web.child.pid!);
  // Next names its server process "next-server".
  expect(
    below.some((args) => /next-server|next start/.test(args)),
    below.join("\n"),
  ).toBe(true);
  expect(below.filter((args) => args.includes("worker/main"))).toEqual([]);

  const liveWorkers = async () =>
    (
      (await (await fetch(`http://127.0.0.1:${webPort}/api/health`)).json()) as {
        worker: { live: number } | null;
      }
    ).worker?.live ?? 0;
  const before = await liveWorkers();
  worker = startProcesses({ ESPL_PROCESSES: "worker", ESPL_WORKER_HEALTH_PORT: String(workerHealthPort) });
  const readyz = `http://127.0.0.1:${workerHealthPort}/readyz`;
  await expect
    .poll(async () => (await fetch(readyz).catch(() => null))?.status ?? 0, { timeout: 60_000 })
    .toBe(200);
  const { workerId } = (await (await fetch(`http://127.0.0.1:${workerHealthPort}/healthz`)).json()) as {
    workerId: string;
  };
  // Its heartbeat is in the database the web server reads.
  const live = await withDb(async (db) => {
    const { rows } = await db.query(`SELECT expires_at > now() AS live FROM workers WHERE id = $1`, [
      workerId,
    ]);
    return rows[0]?.live as boolean | undefined;
  });
  expect(live).toBe(true);
  // And the web server counts it among the live workers (beside the suite's own).
  await expect.poll(liveWorkers, { timeout: 30_000 }).toBe(before + 1);
});
