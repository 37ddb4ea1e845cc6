/**
 * The setup shared by the integration tests that drive real worker processes (with the fake executor):
 * a database of the test file's own holding the fake executor's tables, a pg-boss instance to enqueue
 * with, and the workers. Everything is torn down after the file, the workers first, so that a failed
 * test leaves no process behind.
 */
import type PgBoss from "pg-boss";
import { afterAll, beforeAll } from "vitest";
import { startBoss } from "@/lib/server/queue/boss";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { createFakeTables, killWorkers, startWorkers, type WorkerProcess } from "./worker-processes";

export interface WorkerTestOptions {
  /** Workers started with the environment; none when the file starts its own later. */
  workerIds?: string[];
  /** Settings (WORKER_*) of those workers. */
  workerEnv?: Record<string, string>;
  /**
   * For tests that terminate every connection to the database: the test's own idle connections and
   * pg-boss's are among them, so their errors are expected and must neither crash nor clutter the run.
   */
  terminatesConnections?: boolean;
}

export interface WorkerTestEnvironment {
  readonly db: TestDatabase;
  readonly boss: PgBoss;
  /** Every worker started so far, in start order. */
  readonly workers: readonly WorkerProcess[];
  /** Starts more workers (from a nested beforeAll); they are killed with the others at teardown. */
  startWorkers(ids: string[], env?: Record<string, string>): Promise<WorkerProcess[]>;
}

/** Registers the file's beforeAll/afterAll; read the fields only inside tests and hooks. */
export function setUpWorkerTestEnvironment(options: WorkerTestOptions = {}): WorkerTestEnvironment {
  let db: TestDatabase | undefined;
  let boss: PgBoss | undefined;
  const workers: WorkerProcess[] = [];

  function ready<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`${what} is not set up yet: use it inside a test or hook`);
    return value;
  }

  async function startMoreWorkers(ids: string[], env: Record<string, string> = {}) {
    const started = await startWorkers(ready(db, "the test database").url, ids, env);
    workers.push(...started);
    return started;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    if (options.terminatesConnections) db.pool.on("error", () => {});
    await createFakeTables(db.pool);
    boss = await startBoss(db.url, options.terminatesConnections ? { log: () => {} } : {});
    if (options.workerIds) await startMoreWorkers(options.workerIds, options.workerEnv);
  });
  afterAll(async () => {
    await killWorkers(workers);
    await boss?.stop({ graceful: false });
    await db?.drop();
  });

  return {
    get db() {
      return ready(db, "the test database");
    },
    get boss() {
      return ready(boss, "pg-boss");
    },
    workers,
    startWorkers: startMoreWorkers,
  };
}
