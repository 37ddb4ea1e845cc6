import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { getRunOverview } from "@/lib/server/read/run-overview";
import type { ReadScope } from "@/lib/server/auth/scope";
import { createRunningRun, executeRunDirectly, SMALL_RUN_CONFIG } from "./testing/execute-run-directly";

let db: TestDatabase;
let projectId: string;

// Crossover on every eligible step and a mutation on every step, so each step makes several calls.
const CONFIG = {
  ...SMALL_RUN_CONFIG,
  n_epochs: 1,
  crossover_prob: 1,
};

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  projectId = (await db.prisma.project.create({ data: { name: "P", slug: "p" } })).id;
});
afterAll(() => db.drop());

test("a simulated run's per-step totals are the sums over its stored LLM calls, reflection and sampling", async () => {
  const runId = await createRunningRun(db.prisma, { projectId, seed: 5, config: CONFIG });
  expect(await executeRunDirectly(db.prisma, runId)).toEqual({ kind: "completed" });

  const { rows: calls } = await db.pool.query(
    `SELECT e.step, e.kind, c.model, c.prompt_tokens, c.completion_tokens, c.latency_ms, c.retries, c.cost_usd
     FROM llm_calls c JOIN evolution_events e ON e.id = c.event_id WHERE e.run_id = $1`,
    [runId],
  );
  expect(new Set(calls.map((c) => c.kind))).toEqual(new Set(["mutation", "crossover"]));
  // Every call records its model, tokens, latency and retries; the simulator has no prices.
  for (const c of calls) {
    expect(c.model).toBe("simulator");
    expect(c.prompt_tokens).toBeGreaterThan(0);
    expect(c.completion_tokens).toBeGreaterThan(0);
    expect(c.latency_ms).toBeGreaterThanOrEqual(0);
    expect(c.retries).toBe(0);
    expect(c.cost_usd).toBeNull();
  }

  const steps = await db.prisma.step.findMany({ where: { runId }, orderBy: { step: "asc" } });
  expect(steps.length).toBe(16 / 4);
  for (const s of steps) {
    const mine = calls.filter((c) => c.step === s.step);
    expect(s.reflectionCalls, `step ${s.step}`).toBe(mine.length);
    expect(s.reflectionPromptTokens).toBe(mine.reduce((n, c) => n + c.prompt_tokens, 0));
    expect(s.reflectionCompletionTokens).toBe(mine.reduce((n, c) => n + c.completion_tokens, 0));
  }
  expect(steps.reduce((n, s) => n + s.reflectionCalls, 0)).toBe(calls.length);
  expect(calls.length).toBeGreaterThan(steps.length);

  // Policy sampling: each step's train and test batches, whose sums are the step's policy columns.
  const { rows: batches } = await db.pool.query(
    `SELECT step, model, requests, samples, prompt_tokens, completion_tokens, latency_ms, retries, cost_usd
     FROM sampling_calls WHERE run_id = $1`,
    [runId],
  );
  for (const s of steps) {
    const mine = batches.filter((b) => b.step === s.step);
    expect(mine.length, `step ${s.step}`).toBe(2);
    for (const b of mine) {
      expect(b.model).toBe("simulator");
      expect(b.latency_ms).toBeGreaterThanOrEqual(0);
      expect(b.retries).toBe(0);
      expect(b.cost_usd).toBeNull();
    }
    expect(mine.reduce((n, b) => n + b.samples, 0)).toBe(s.samplesConsumed);
    expect(mine.reduce((n, b) => n + b.prompt_tokens, 0)).toBe(s.policyPromptTokens);
    expect(mine.reduce((n, b) => n + b.completion_tokens, 0)).toBe(s.policyCompletionTokens);
    expect(s.policyCompletionTokens).toBeGreaterThan(0);
  }

  // Trained tokens: the simulated trainer reports what it was sent, each trained rollout's prompt and
  // completion, so a step's column is that sum over its rollouts marked trained.
  const { rows: trained } = await db.pool.query(
    `SELECT step, sum(prompt_tokens + completion_tokens)::int AS tokens FROM rollouts
     WHERE run_id = $1 AND trained GROUP BY step`,
    [runId],
  );
  expect(trained.length).toBeGreaterThan(0);
  for (const s of steps)
    expect(s.trainTokens, `step ${s.step}`).toBe(trained.find((t) => t.step === s.step)?.tokens ?? 0);

  // The usage panel's figures: the run's totals are the sums over the calls, the cost not recorded.
  const { usage } = await getRunOverview({ projectIds: [projectId] } as ReadScope, runId);
  expect(usage.total.reflectionCalls).toBe(calls.length);
  expect(usage.total.reflectionPromptTokens).toBe(calls.reduce((n, c) => n + c.prompt_tokens, 0));
  expect(usage.total.reflectionCompletionTokens).toBe(calls.reduce((n, c) => n + c.completion_tokens, 0));
  expect(usage.total.trainTokens).toBe(steps.reduce((n, s) => n + s.trainTokens, 0));
  expect(usage.cost.total).toBeNull();
});

test("a reflection call without token counts makes the run's reflection tokens not recorded, not 0", async () => {
  const runId = await createRunningRun(db.prisma, { projectId, seed: 6, config: CONFIG });
  expect(await executeRunDirectly(db.prisma, runId)).toEqual({ kind: "completed" });
  await db.pool.query(
    `UPDATE llm_calls SET prompt_tokens = NULL WHERE id = (
       SELECT min(c.id) FROM llm_calls c JOIN evolution_events e ON e.id = c.event_id WHERE e.run_id = $1)`,
    [runId],
  );
  const { usage } = await getRunOverview({ projectIds: [projectId] } as ReadScope, runId);
  expect(usage.total.reflectionPromptTokens).toBeNull();
  expect(usage.total.reflectionCompletionTokens).toBeNull();
  expect(usage.perStep?.reflectionPromptTokens).toBeNull();
  expect(usage.total.reflectionCalls).toBeGreaterThan(0);
  expect(usage.total.policyPromptTokens).toBeGreaterThan(0);
});
