/**
 * The OpenAI-compatible driver inside a real worker process (lib/server/runner/worker/main.ts) taking runs from the
 * queue: a run through a server that rate-limits completes, and a run whose policy server stays down
 * ends `failed` with the server's last error, after the runner's retries showed on the run.
 */
import { randomBytes } from "node:crypto";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startBoss } from "@/lib/server/queue/boss";
import {
  killWorkers,
  REAL_WORKER_ENTRY,
  startWorkers,
  waitFor,
  waitForRunStatus,
  type WorkerProcess,
} from "@/lib/server/runner/testing/worker-processes";
import { createSimOpenAIBackend, smallEvolutionConfig } from "@/lib/server/runner/testing/sim-openai-backend";
import { createRun } from "@/lib/server/runs/create-run";
import { startSimOpenAIServer, type SimOpenAIServer } from "@/lib/tools/sim-servers/openai/sim-openai-server";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";

let db: TestDatabase;
let boss: PgBoss;
let server: SimOpenAIServer;
let workers: WorkerProcess[] = [];
let projectId: string;
const SECRET_KEY = randomBytes(32).toString("base64");

const CONFIG = smallEvolutionConfig({ dataset_size: 4, batch_size: 2 });

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.ESPL_SECRET_KEY = SECRET_KEY;
  boss = await startBoss(db.url);
  server = await startSimOpenAIServer({ seed: 9, apiKey: "sk-sim" });
  projectId = (await db.prisma.project.create({ data: { name: "P", slug: "p" } })).id;
  workers = await startWorkers(db.url, ["oa-worker"], { ESPL_SECRET_KEY: SECRET_KEY }, REAL_WORKER_ENTRY);
}, 60_000);
afterAll(async () => {
  await killWorkers(workers);
  await boss?.stop({ graceful: false });
  await server?.close();
  await db?.drop();
});

async function launch(name: string) {
  const { storeBackendSecret } = await import("../backend-secrets");
  const backendId = await createSimOpenAIBackend(db.prisma, { projectId, name, baseUrl: server.baseUrl });
  // The key is sealed here and opened by the worker, which has the same secret key.
  await storeBackendSecret(db.prisma, backendId, "sk-sim");
  const run = await createRun(
    db.prisma,
    { projectId, config: CONFIG, seed: 1, policyBackendId: backendId },
    { boss },
  );
  return run.id;
}

describe("a real worker", () => {
  test("completes an evolution run through a server that rate-limits", async () => {
    server.setFaults({ rateLimit: { first: 3, retryAfterS: 0, target: "policy" } });
    const id = await launch("limited");
    const run = await waitForRunStatus(db.prisma, id, "completed", 60_000);
    expect(run.error).toBeNull();
    expect(server.stats().injected.rateLimit).toBe(3);
    const usage = await db.prisma.step.aggregate({
      where: { runId: id },
      _sum: { policyCompletionTokens: true },
    });
    expect(usage._sum.policyCompletionTokens).toBeGreaterThan(0);
  }, 90_000);

  test("fails the run with the last error when the policy server stays down", async () => {
    server.setFaults({ serverError: { rate: 1, status: 503, target: "policy" } });
    const id = await launch("down");
    // While retrying, the run says so.
    await waitFor(
      "the run to show its retries",
      async () => {
        const row = await db.prisma.run.findUniqueOrThrow({ where: { id }, select: { statusDetail: true } });
        return row.statusDetail?.startsWith("retrying: 503 from policy backend") ? row : undefined;
      },
      { timeoutMs: 30_000 },
    );
    const run = await waitForRunStatus(db.prisma, id, "failed", 90_000);
    expect(run.error).toMatch(/policy backend: HTTP 503/);
    expect(await db.prisma.step.count({ where: { runId: id } })).toBe(0);
  }, 120_000);
});
