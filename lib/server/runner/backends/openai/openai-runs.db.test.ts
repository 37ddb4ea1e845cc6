/**
 * Runs through the OpenAI-compatible driver against a real HTTP server (the simulated one, started
 * here), executed by the real executor on a real database: sampling, reflection, retries of 429/5xx,
 * a backend that stays down, malformed chat replies, and token usage stored per step.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { ReadScope } from "@/lib/server/auth/scope";
import { getRunOverview } from "@/lib/server/read/run-overview";
import { createRunningRun, executeRunDirectly } from "@/lib/server/runner/testing/execute-run-directly";
import { createSimOpenAIBackend, smallEvolutionConfig } from "@/lib/server/runner/testing/sim-openai-backend";
import { startSimOpenAIServer, type SimOpenAIServer } from "@/lib/tools/sim-servers/openai/sim-openai-server";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { testBackend } from "../manage-backends";

let db: TestDatabase;
let projectId: string;
let server: SimOpenAIServer;

const CONFIG = { ...smallEvolutionConfig({ dataset_size: 8, batch_size: 4 }), crossover_prob: 0.5 };
const TOTAL_STEPS = 2;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.ESPL_SECRET_KEY ??= randomBytes(32).toString("base64");
  projectId = (await db.prisma.project.create({ data: { name: "P", slug: "p" } })).id;
  server = await startSimOpenAIServer({ seed: 5 });
});
afterAll(async () => {
  await server?.close();
  await db.drop();
});
beforeEach(() => server.setFaults({}));

const createBackend = (name: string, options: object = {}) =>
  createSimOpenAIBackend(db.prisma, {
    projectId,
    name,
    baseUrl: server.baseUrl,
    options: { concurrency: 4, ...options },
  });

async function createRun(seed: number, backends: { policy?: string; reflection?: string }) {
  const runId = await createRunningRun(db.prisma, { projectId, seed, config: CONFIG });
  await db.prisma.run.update({
    where: { id: runId },
    data: {
      trainMode: "evolution",
      policyBackendId: backends.policy ?? null,
      reflectionBackendId: backends.reflection ?? null,
    },
  });
  return runId;
}

const stepUsage = (runId: string) =>
  db.prisma.step.findMany({
    where: { runId },
    orderBy: { step: "asc" },
    select: {
      policyPromptTokens: true,
      policyCompletionTokens: true,
      reflectionPromptTokens: true,
      reflectionCompletionTokens: true,
      reflectionCalls: true,
    },
  });

describe("runs through the OpenAI-compatible driver", () => {
  test("an evolution run samples and reflects over HTTP, completes, and stores token usage per step", async () => {
    const backendId = await createBackend("both", { inputPricePerM: 1, outputPricePerM: 2 });
    const before = server.stats();
    const runId = await createRun(1, { policy: backendId });
    expect(await executeRunDirectly(db.prisma, runId)).toEqual({ kind: "completed" });
    const after = server.stats();
    expect(
      (after.byPath["/v1/chat/completions"] ?? 0) - (before.byPath["/v1/chat/completions"] ?? 0),
    ).toBeGreaterThan(TOTAL_STEPS * 3);
    const steps = await stepUsage(runId);
    expect(steps).toHaveLength(TOTAL_STEPS);
    for (const s of steps) {
      expect(s.policyPromptTokens).toBeGreaterThan(0);
      expect(s.policyCompletionTokens).toBeGreaterThan(s.policyPromptTokens / 100);
    }
    // Mutation calls went to the reflection model and were counted.
    expect(steps.reduce((n, s) => n + s.reflectionCalls, 0)).toBeGreaterThan(0);
    expect(steps.reduce((n, s) => n + s.reflectionCompletionTokens, 0)).toBeGreaterThan(0);
    const calls = await db.pool.query(
      "SELECT count(*)::int n, count(raw_reply)::int replied FROM llm_calls c JOIN evolution_events e ON e.id = c.event_id WHERE e.run_id = $1",
      [runId],
    );
    expect(calls.rows[0].n).toBeGreaterThan(0);
    expect(calls.rows[0].replied).toBe(calls.rows[0].n);
    // Token ids and logprobs from the server are kept with each rollout.
    const rollouts = await db.pool.query(
      "SELECT count(*)::int n, count(completion_tokens)::int counted FROM rollouts WHERE run_id = $1",
      [runId],
    );
    expect(rollouts.rows[0].counted).toBe(rollouts.rows[0].n);
    // The overview sums the steps and prices them with the backend's prices.
    const { usage } = await getRunOverview({ projectIds: [projectId] } as ReadScope, runId);
    const sum = (pick: (s: (typeof steps)[number]) => number) => steps.reduce((n, s) => n + pick(s), 0);
    expect(usage.total.policyCompletionTokens).toBe(sum((s) => s.policyCompletionTokens));
    expect(usage.total.reflectionPromptTokens).toBe(sum((s) => s.reflectionPromptTokens));
    const expected =
      (sum((s) => s.policyPromptTokens + s.reflectionPromptTokens) * 1 +
        sum((s) => s.policyCompletionTokens + s.reflectionCompletionTokens) * 2) /
      1e6;
    expect(usage.cost.total).toBeCloseTo(expected, 10);
  });

  test("the policy may stay the simulator while reflection goes through the server", async () => {
    const backendId = await createBackend("reflection only");
    const before = server.stats();
    const runId = await createRun(2, { reflection: backendId });
    expect(await executeRunDirectly(db.prisma, runId)).toEqual({ kind: "completed" });
    const after = server.stats();
    expect(
      after.byPath["/v1/chat/completions"]! - (before.byPath["/v1/chat/completions"] ?? 0),
    ).toBeGreaterThan(0);
    const steps = await stepUsage(runId);
    expect(steps.reduce((n, s) => n + s.reflectionCalls, 0)).toBe(
      after.byPath["/v1/chat/completions"]! - (before.byPath["/v1/chat/completions"] ?? 0),
    );
    // The policy stayed offline: no completion requests were made for this run.
    expect(after.byPath["/v1/completions"] ?? 0).toBe(before.byPath["/v1/completions"] ?? 0);
  });

  test("429 with Retry-After and 5xx answers are retried and the run completes", async () => {
    const backendId = await createBackend("flaky");
    server.setFaults({
      rateLimit: { first: 2, retryAfterS: 0, target: "policy" },
      serverError: { first: 2, status: 503, target: "policy" },
      drop: { first: 1, target: "reflection" },
    });
    const runId = await createRun(3, { policy: backendId });
    expect(await executeRunDirectly(db.prisma, runId)).toEqual({ kind: "completed" });
    const injected = server.stats().injected;
    expect(injected.rateLimit).toBe(2);
    expect(injected.serverError).toBe(2);
    expect(injected.drop).toBe(1);
    expect(await db.prisma.step.count({ where: { runId } })).toBe(TOTAL_STEPS);
  });

  test("a policy backend that stays down fails the run with its last error", async () => {
    const backendId = await createBackend("down");
    server.setFaults({ serverError: { rate: 1, status: 502, target: "policy" } });
    const runId = await createRun(4, { policy: backendId });
    await expect(executeRunDirectly(db.prisma, runId)).rejects.toThrow(/policy backend: HTTP 502/);
    // Retried per the runner's rules (6 attempts) before giving up, and nothing was committed.
    expect(server.stats().injected.serverError).toBeGreaterThanOrEqual(2);
    expect(await db.prisma.step.count({ where: { runId } })).toBe(0);
  }, 150_000);

  test("malformed JSON in chat replies is recorded as unparseable calls and the run continues", async () => {
    const backendId = await createBackend("rambling");
    server.setFaults({ malformedContent: { rate: 1, target: "reflection" } });
    const runId = await createRun(6, { policy: backendId });
    expect(await executeRunDirectly(db.prisma, runId)).toEqual({ kind: "completed" });
    expect(server.stats().injected.malformedContent).toBeGreaterThan(0);
    const calls = await db.pool.query(
      `SELECT c.raw_reply, c.error, c.parsed_operations FROM llm_calls c JOIN evolution_events e ON e.id = c.event_id
       WHERE e.run_id = $1 AND c.raw_reply LIKE '%unfinished%'`,
      [runId],
    );
    expect(calls.rows.length).toBeGreaterThan(0);
    // No child came out of a reply that could not be read.
    const children = await db.pool.query(
      "SELECT count(*)::int n FROM programs WHERE run_id = $1 AND origin <> 'root'",
      [runId],
    );
    expect(children.rows[0].n).toBe(0);
    expect(await db.prisma.step.count({ where: { runId } })).toBe(TOTAL_STEPS);
  });
});

describe("connection test", () => {
  test("lists the server's models and capabilities and stores them with the time", async () => {
    const backendId = await createBackend("probe me");
    const userId = (await db.prisma.user.create({ data: { email: "o@x.test", name: "O" } })).id;
    const result = await testBackend(db.prisma, projectId, userId, backendId);
    expect(result).toEqual({
      sampling: true,
      logprobs: true,
      training: false,
      models: ["sim-policy", "sim-reflection"],
      error: null,
      details: [],
    });
    const row = await db.prisma.modelBackend.findUniqueOrThrow({ where: { id: backendId } });
    expect(row.capabilities).toEqual(result);
    expect(row.lastTestedAt).not.toBeNull();

    // A server that refuses logprobs still samples.
    const plain = await startSimOpenAIServer({ noLogprobs: true, apiKey: "sk-right" });
    try {
      const plainId = (
        await db.prisma.modelBackend.create({
          data: { projectId, name: "plain", kind: "openai_compatible", baseUrl: plain.baseUrl },
        })
      ).id;
      // Without the key the server answers 401: the test fails and says so.
      const refused = await testBackend(db.prisma, projectId, userId, plainId);
      expect(refused.error).toMatch(/401/);
      const { storeBackendSecret } = await import("../backend-secrets");
      await storeBackendSecret(db.prisma, plainId, "sk-right");
      const ok = await testBackend(db.prisma, projectId, userId, plainId);
      expect(ok).toMatchObject({ sampling: true, logprobs: false, training: false, error: null });
    } finally {
      await plain.close();
    }
  });
});
