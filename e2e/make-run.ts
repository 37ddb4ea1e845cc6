import { expect } from "@playwright/test";
import { createPrismaClient } from "@/lib/server/db/client";
import { startBoss } from "@/lib/server/queue/boss";
import { createRun, ensureDefaultProject } from "@/lib/server/runs/create-run";
import { withDb } from "./db";

/**
 * Creates and queues a real run on the simulator in the server's database (the worker beside the
 * server executes it), through the product's own createRun.
 */
export async function makeRun(name: string, config: Record<string, unknown>): Promise<string> {
  const url = process.env.E2E_DB_URL!;
  const prisma = createPrismaClient(url);
  const boss = await startBoss(url);
  try {
    const project = await ensureDefaultProject(prisma);
    const run = await createRun(
      prisma,
      { projectId: project.id, name, preset: "espl-lucb", config },
      { boss },
    );
    return run.id;
  } finally {
    await boss.stop({ graceful: false });
    await prisma.$disconnect();
  }
}

/** Waits, polling the database, until every run named has completed (the worker beside the server runs them). */
export async function waitForCompleted(runIds: readonly string[], timeoutMs: number): Promise<void> {
  await expect
    .poll(
      () =>
        withDb(
          async (db) =>
            (
              await db.query<{ n: number }>(
                `SELECT count(*)::int AS n FROM runs WHERE id = ANY($1) AND status = 'completed'`,
                [runIds],
              )
            ).rows[0]!.n,
        ),
      { timeout: timeoutMs, intervals: [500] },
    )
    .toBe(runIds.length);
}
