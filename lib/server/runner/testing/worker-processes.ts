/**
 * Spawning real worker processes (tsx running lib/server/runner/testing/test-worker.ts) for the integration
 * tests, reading their log lines, and waiting on the database with a deadline instead of sleeping.
 */
import { ALLOW_SERVER_ONLY } from "@/lib/server/plain-node/paths";
import { spawn, type ChildProcess } from "node:child_process";
import type pg from "pg";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { waitForLine as waitForOutputLine } from "@/lib/tools/testing/wait-for-line";
import { FAKE_TABLES_SQL } from "./fake-executor";

const FAKE_EXECUTOR_ENTRY = "lib/server/runner/testing/test-worker.ts";
/** The production worker entry, with the real executor. */
export const REAL_WORKER_ENTRY = "lib/server/runner/worker/main.ts";

/** Short leases so a takeover takes seconds, not the production 15-30 s. */
export const FAST_LEASES = {
  WORKER_LEASE_TTL_MS: "2000",
  WORKER_HEARTBEAT_MS: "500",
  WORKER_REAPER_MS: "500",
  WORKER_POLL_MS: "200",
};

export interface WorkerProcess {
  id: string;
  child: ChildProcess;
  /** Every line it printed so far, stdout and stderr. */
  lines: string[];
  exited: Promise<number | null>;
  /** Resolves with the first line matching, rejects after the timeout or if the process exits first. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
}

export function spawnWorker(
  url: string,
  id: string,
  env: Record<string, string> = {},
  entry = FAKE_EXECUTOR_ENTRY,
): WorkerProcess {
  // Node with tsx's loader rather than the tsx CLI: the CLI runs the script in a grandchild, which a
  // SIGKILL of the CLI would leave running.
  const child = spawn(process.execPath, ["--import", ALLOW_SERVER_ONLY, "--import", "tsx", entry], {
    env: { ...process.env, DATABASE_URL: url, WORKER_ID: id, WORKER_POLL_MS: "250", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    for (const listener of listeners) listener();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const waitForLine = (pattern: RegExp, timeoutMs = 30_000) =>
    waitForOutputLine({
      listeners,
      findLine: () => lines.find((l) => pattern.test(l)),
      timeoutMs,
      timeoutError: () =>
        new Error(`worker ${id}: no line matching ${pattern} in ${timeoutMs} ms:\n${lines.join("\n")}`),
      ended: exited.then(
        (code) => new Error(`worker ${id} exited (${code}) before ${pattern}:\n${lines.join("\n")}`),
      ),
    });
  return { id, child, lines, exited, waitForLine };
}

export async function startWorkers(
  url: string,
  ids: string[],
  env: Record<string, string> = {},
  entry = FAKE_EXECUTOR_ENTRY,
) {
  const workers = ids.map((id) => spawnWorker(url, id, env, entry));
  await Promise.all(workers.map((w) => w.waitForLine(/^worker ready$/)));
  return workers;
}

/** SIGKILL for whatever is still running: a test that failed must not leave processes behind. */
export async function killWorkers(workers: WorkerProcess[]): Promise<void> {
  for (const w of workers)
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
  await Promise.all(workers.map((w) => w.exited));
}

/**
 * Polls `probe` until it returns a value other than undefined; errors count as "not yet" (the database
 * may be mid-restart in the fault tests). Fails with the last error or value at the deadline.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  { timeoutMs = 20_000, intervalMs = 100 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${String(last)})`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The run, once its status is `status`. */
export function waitForRunStatus(prisma: PrismaClient, id: string, status: string, timeoutMs = 20_000) {
  return waitFor(
    `run ${id} to be ${status}`,
    async () => {
      const run = await prisma.run.findUniqueOrThrow({ where: { id } });
      return run.status === status ? run : undefined;
    },
    { timeoutMs },
  );
}

export async function createFakeTables(pool: pg.Pool): Promise<void> {
  for (const sql of FAKE_TABLES_SQL) await pool.query(sql);
}

// A type, not an interface: Prisma's Json input needs the implicit index signature.
export type FakeRunConfig = {
  steps: number;
  stepMs?: number;
  faultAtStep?: number;
  transientFaults?: number;
  faultStatus?: number;
  permanentFaultAtStep?: number;
  retryBaseMs?: number;
  commitMs?: number;
  crashAtStep?: number;
};

/** A project and a queued run whose config drives the fake executor. */
export async function createFakeRun(prisma: PrismaClient, fake: FakeRunConfig): Promise<string> {
  const project = await prisma.project.create({ data: { name: "worker tests", slug: `p-${randomUUID()}` } });
  const run = await prisma.run.create({
    data: {
      projectId: project.id,
      name: "fake run",
      trainMode: "evolution",
      config: { fake },
      seed: 0,
      totalSteps: fake.steps,
    },
  });
  return run.id;
}
