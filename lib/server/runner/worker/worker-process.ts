/**
 * A worker process: resolves the database the way `npm start` does, starts pg-boss and the worker,
 * prints "worker ready", and on SIGTERM/SIGINT stops taking jobs, aborts executions, gives their leases
 * up and exits. With ESPL_WORKER_HEALTH_PORT set it serves GET /healthz and /readyz meanwhile
 * (worker-health-server.ts): /readyz answers 503 from the first signal on, and the port closes last.
 * Shared by the real entry (lib/server/runner/worker/main.ts) and the tests' entry, so that tests
 * exercise the same process code with a fake executor.
 */
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createPrismaClient } from "@/lib/server/db/client";
import { DatabaseStartError } from "@/lib/server/db/errors";
import { applyMigrations } from "@/lib/server/db/migrate";
import { resolveDatabase, type ResolvedDatabase } from "@/lib/server/db/resolve-database";
import { startBoss } from "@/lib/server/queue/boss";
import { defaultWorkerId, startWorker, type RunWorker } from "@/lib/server/runner/worker";
import type { RunExecutor } from "@/lib/server/runner/types";
import { startEvaluationWorker, type EvaluationWorker } from "@/lib/server/evaluations/evaluation-worker";
import { parseWorkerConfig, type WorkerConfig } from "./worker-config";
import { startWorkerHealthServer, type WorkerHealthServer } from "./worker-health-server";
import { checkWorkerReadiness, type WorkerProcessState } from "./worker-readiness";

export type ExecutorFactory = (context: { workerId: string; prisma: PrismaClient }) => RunExecutor;

const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
const SIGNALS = ["SIGINT", "SIGTERM"] as const;

/** Like `npm start`: DATABASE_URL, else the embedded server (whose exit hooks lib/server/db/embedded.ts removes). */
async function resolveWorkerDatabase(): Promise<ResolvedDatabase> {
  return resolveDatabase(process.env, (line) => {
    if (/error|fatal/i.test(line)) console.error(`[postgres] ${line}`);
  });
}

/** The health endpoints when ESPL_WORKER_HEALTH_PORT asks for them; they answer "starting" until ready. */
async function startHealthEndpoints(
  config: WorkerConfig,
  state: WorkerProcessState,
): Promise<WorkerHealthServer | null> {
  if (config.healthPort === null) return null;
  const server = await startWorkerHealthServer({
    port: config.healthPort,
    host: config.healthHost,
    workerId: state.workerId,
    readiness: () => checkWorkerReadiness(state),
  });
  log(`worker=${state.workerId} health endpoints at ${server.url}/healthz and ${server.url}/readyz`);
  return server;
}

export async function runWorkerProcess(createExecutor: ExecutorFactory): Promise<void> {
  let config: WorkerConfig;
  try {
    config = parseWorkerConfig(process.env);
  } catch (error) {
    console.error(`[worker] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  const workerId = config.workerId ?? defaultWorkerId();
  const state: WorkerProcessState = {
    workerId,
    stopping: false,
    prisma: null,
    boss: null,
    queueStopped: false,
    worker: null,
  };
  let database: ResolvedDatabase | null = null;
  let worker: RunWorker | null = null;
  let evaluations: EvaluationWorker | null = null;
  let closing: Promise<void> | null = null;
  let prisma: PrismaClient | null = null;
  let stopBoss: (() => Promise<void>) | null = null;
  let health: WorkerHealthServer | null = null;

  async function close(code: number): Promise<never> {
    // From here /readyz says "shutting down", so a balancer stops counting this worker while it drains.
    state.stopping = true;
    closing ??= (async () => {
      await Promise.all([worker?.stop(), evaluations?.stop()]);
      await stopBoss?.().catch(() => {});
      await prisma?.$disconnect().catch(() => {});
      await database?.embedded?.stop().catch(() => {});
      await health?.close();
    })();
    await closing;
    process.exit(code);
  }
  for (const signal of SIGNALS) process.on(signal, () => void close(0));

  try {
    health = await startHealthEndpoints(config, state);
    database = await resolveWorkerDatabase();
    // The process-wide clients (getPrisma, getPgPool) the executor may use read it: the embedded
    // server's URL included.
    process.env.DATABASE_URL = database.url;
    // An embedded database is ours to migrate; a DATABASE_URL is migrated by whoever launched us.
    if (database.embedded) await applyMigrations(database.url);
    prisma = createPrismaClient(database.url);
    state.prisma = prisma;
    const boss = await startBoss(database.url, {
      supervise: true,
      log: (line) => log(`worker=${workerId} ${line}`),
    });
    stopBoss = () => boss.stop({ graceful: false });
    state.boss = boss;
    boss.on("stopped", () => (state.queueStopped = true));
    worker = startWorker({
      prisma,
      boss,
      executor: createExecutor({ workerId, prisma }),
      workerId,
      concurrency: config.concurrency,
      leaseTtlMs: config.leaseTtlMs,
      heartbeatMs: config.heartbeatMs,
      pollIntervalMs: config.pollIntervalMs,
      reaperIntervalMs: config.reaperIntervalMs,
      shutdownTimeoutMs: config.shutdownTimeoutMs,
      crashLimit: config.crashLimit,
      log,
    });
    // The second job kind: evaluation grids, one at a time, beside the runs.
    evaluations = startEvaluationWorker({
      prisma,
      boss,
      workerId,
      pollIntervalMs: config.pollIntervalMs,
      log,
    });
    state.worker = worker;
    console.log("worker ready");
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(
      error instanceof DatabaseStartError
        ? `[worker] database: ${message}`
        : `[worker] start failed: ${message}`,
    );
    await close(1);
  }
}
