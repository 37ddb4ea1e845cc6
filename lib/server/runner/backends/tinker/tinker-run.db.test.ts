/**
 * Whole runs through the Tinker adapter on the simulated Tinker server (real HTTP, real PostgreSQL,
 * real worker processes for kill/resume): on the same seed they store exactly what a run on the
 * in-process simulator stores, with faults injected too; a server that stays down fails the run with
 * its last error; a worker killed mid-run is resumed from the saved weights by another one.
 */
import { randomBytes } from "node:crypto";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, expect, test } from "vitest";
import { getDefaultConfig } from "@/lib/espl/config";
import { generateSuite } from "@/lib/espl/simulator";
import { startBoss } from "@/lib/server/queue/boss";
import { BUILTIN_SUITE_SEED } from "@/lib/server/runner/run-problems";
import { createRunningRun, executeRunDirectly } from "@/lib/server/runner/testing/execute-run-directly";
import { snapshotRun, type RunSnapshot } from "@/lib/server/runner/testing/snapshot-run";
import {
  FAST_LEASES,
  killWorkers,
  REAL_WORKER_ENTRY,
  spawnWorker,
  waitFor,
  waitForRunStatus,
  type WorkerProcess,
} from "@/lib/server/runner/testing/worker-processes";
import { enqueueRun } from "@/lib/server/runs/controls";
import type { SimTinkerServer } from "@/lib/tools/sim-servers/tinker/sim-tinker-server";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { startSimTinker } from "./testdata/start-sim-tinker";
import { TINY_CHAT_MODEL, TINY_CHAT_TOKENIZER } from "./testdata/tiny-chat";

const CONFIG = {
  ...getDefaultConfig(),
  dataset_size: 24,
  batch_size: 4,
  group_size: 2,
  test_group_size: 2,
  n_epochs: 1,
  max_pool_size: 5,
  choose_from_most_recent: 5,
  crossover_prob: 0.5,
  program_selection_strategy: "lucb" as const,
  save_every: 2,
};
const TOTAL_STEPS = 24 / 4;
const SEED = 11;

let db: TestDatabase;
let server: SimTinkerServer;
/** The same simulated trainer standing in for the hosted service and for SkyRL (sim-futures.ts). */
const modeServers: Partial<Record<"hosted" | "skyrl", { server: SimTinkerServer; backendId: string }>> = {};
let boss: PgBoss;
let projectId: string;
let tinkerId: string;
let simId: string;
let reference: RunSnapshot;
const workers: WorkerProcess[] = [];

/**
 * What must be equal between backends. Token counts differ by design (the simulator's token ids are
 * fake, the server's come from a real tokenizer), as do checkpoint paths and the `train_tokens` metric
 * that only a trainer reports; everything a researcher reads off a run must not.
 */
function comparable(snapshot: RunSnapshot): RunSnapshot {
  const differs = new Set(["train_tokens", "train/train_tokens", "ref"]);
  const dropTrainTokens = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value ?? null), (key, v: unknown) => (differs.has(key) ? undefined : v));
  return {
    ...snapshot,
    // The engine state holds checkpoint paths; the status is the worker's to set (the killed run's is).
    run: snapshot.run!.map((r) => ({ ...(r as object), engine_state: null, status: null })),
    steps: snapshot.steps!.map(dropTrainTokens) as unknown[],
    rollouts: snapshot.rollouts!.map((r) => ({
      ...(r as object),
      prompt_tokens: null,
      completion_tokens: null,
    })),
    checkpoints: snapshot.checkpoints!.map((c) => ({ ...(c as object), backend_ref: null, state: null })),
  };
}

async function runOn(name: string, policyBackendId: string | null, reflectionBackendId: string | null) {
  const runId = await createRunningRun(db.prisma, { projectId, seed: SEED, config: CONFIG });
  await db.prisma.run.update({ where: { id: runId }, data: { name, policyBackendId, reflectionBackendId } });
  return runId;
}

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  // The worker opens backend keys (none here) with the secret key; workers spawned later inherit it.
  process.env.ESPL_SECRET_KEY ??= randomBytes(32).toString("base64");
  const suite = generateSuite({ seed: BUILTIN_SUITE_SEED });
  server = await startSimTinker([...suite.train, ...suite.test]);
  boss = await startBoss(db.url);
  projectId = (await db.prisma.project.create({ data: { name: "tinker", slug: "tinker" } })).id;
  tinkerId = (
    await db.prisma.modelBackend.create({
      data: {
        projectId,
        name: "sim-tinker",
        kind: "tinker_compatible",
        baseUrl: server.url,
        models: { policy: TINY_CHAT_MODEL, tokenizer: TINY_CHAT_TOKENIZER, request_timeout_ms: "5000" },
      },
    })
  ).id;
  // Reflection stays on the in-process simulator: it answers from structured context that does not
  // travel over the wire, so the comparison isolates the policy and its trainer.
  simId = (await db.prisma.modelBackend.create({ data: { projectId, name: "sim", kind: "sim" } })).id;
  for (const mode of ["hosted", "skyrl"] as const) {
    // SkyRL: futures outlast its (shortened) long poll, so polls are answered 408 and polled again.
    const modeServer = await startSimTinker([...suite.train, ...suite.test], {
      mode,
      ...(mode === "skyrl" ? { longPollMs: 10, faults: { pendingMs: 30 } } : {}),
    });
    const backend = await db.prisma.modelBackend.create({
      data: {
        projectId,
        name: `sim-tinker-${mode}`,
        kind: "tinker_compatible",
        baseUrl: modeServer.url,
        models: { policy: TINY_CHAT_MODEL, tokenizer: TINY_CHAT_TOKENIZER, request_timeout_ms: "5000" },
      },
    });
    modeServers[mode] = { server: modeServer, backendId: backend.id };
  }
  const inProcess = await runOn("in-process", null, null);
  expect(await executeRunDirectly(db.prisma, inProcess)).toEqual({ kind: "completed" });
  reference = comparable(await snapshotRun(db.pool, inProcess));
}, 120_000);

afterAll(async () => {
  await killWorkers(workers);
  await boss?.stop({ graceful: false });
  await server?.close();
  for (const entry of Object.values(modeServers)) await entry.server.close();
  await db?.drop();
});

function expectSameRun(actual: RunSnapshot) {
  for (const table of Object.keys(reference)) expect(actual[table], table).toEqual(reference[table]);
}

test("on the same seed a run through the Tinker server stores what the in-process simulator stores", async () => {
  const before = server.requests.get("/api/v1/forward_backward") ?? 0;
  const runId = await runOn("tinker", tinkerId, simId);
  expect(await executeRunDirectly(db.prisma, runId)).toEqual({ kind: "completed" });
  expect(server.requests.get("/api/v1/forward_backward") ?? 0).toBeGreaterThan(before);
  const snapshot = await snapshotRun(db.pool, runId);
  expect((snapshot.steps as { step: number }[]).map((s) => s.step)).toEqual([...Array(TOTAL_STEPS).keys()]);
  // Usage: the trainer reports the tokens it trained on, and rollouts carry real token counts.
  const trained = (snapshot.steps as { metrics: { logged: Record<string, number> } }[]).map((s) =>
    JSON.stringify(s.metrics),
  );
  expect(trained.some((m) => /"train\/train_tokens":[1-9]/.test(m))).toBe(true);
  expect(
    (snapshot.rollouts as { prompt_tokens: number | null }[]).every((r) => (r.prompt_tokens ?? 0) > 0),
  ).toBe(true);
  expect(
    (snapshot.checkpoints as { backend_ref: string }[]).every((c) => c.backend_ref.startsWith("tinker://")),
  ).toBe(true);
  expectSameRun(comparable(snapshot));
}, 120_000);

test.each(["hosted", "skyrl"] as const)(
  "a run against the %s stand-in stores what the in-process simulator stores",
  async (mode) => {
    const { server: modeServer, backendId } = modeServers[mode]!;
    const runId = await runOn(`tinker-${mode}`, backendId, simId);
    expect(await executeRunDirectly(db.prisma, runId)).toEqual({ kind: "completed" });
    expectSameRun(comparable(await snapshotRun(db.pool, runId)));
    if (mode === "hosted") {
      expect(modeServer.hosted!.configRequests.length).toBeGreaterThan(0);
      expect(modeServer.futures.announcements).toBeGreaterThan(0);
      // Protobuf both ways; single polls only fetch protobuf payloads, every other wait is batched.
      expect(modeServer.wire.protobufBodies).toBeGreaterThan(0);
      expect(modeServer.requests.get("/api/v1/retrieve_future") ?? 0).toBe(modeServer.wire.protobufResults);
    } else
      expect(modeServer.requests.get("/api/v1/retrieve_future") ?? 0).toBeGreaterThan(
        modeServer.requests.get("/api/v1/asample") ?? 0,
      );
  },
  120_000,
);

test("429s, 5xx, dropped replies and slow futures are retried and change nothing", async () => {
  server.faults.update({ rate429: 0.04, rate5xx: 0.04, rateDrop: 0.04, pendingMs: 20, seed: 5 });
  const faultsBefore = { ...server.faults.counts };
  try {
    const runId = await runOn("tinker-faults", tinkerId, simId);
    expect(await executeRunDirectly(db.prisma, runId)).toEqual({ kind: "completed" });
    expectSameRun(comparable(await snapshotRun(db.pool, runId)));
  } finally {
    server.faults.update({ rate429: 0, rate5xx: 0, rateDrop: 0, pendingMs: 0 });
  }
  for (const kind of ["429", "5xx", "drop"] as const)
    expect(server.faults.counts[kind], kind).toBeGreaterThan(faultsBefore[kind]);
}, 180_000);

test("a server that stays down fails the run with its last error", async () => {
  server.faults.update({ down: true });
  try {
    const runId = await runOn("tinker-down", tinkerId, simId);
    await expect(executeRunDirectly(db.prisma, runId)).rejects.toMatchObject({
      name: "BackendError",
      status: 503,
      message: expect.stringContaining("answered 503"),
    });
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.currentStep).toBe(0);
  } finally {
    server.faults.update({ down: false });
  }
}, 180_000);

test("a worker killed mid-run is resumed from the saved weights and ends like an uninterrupted run", async () => {
  const runId = await runOn("tinker-killed", tinkerId, simId);
  await db.prisma.run.update({ where: { id: runId }, data: { status: "queued" } });
  await enqueueRun(runId, { prisma: db.prisma, boss });
  const victim = spawnWorker(db.url, "victim", FAST_LEASES, REAL_WORKER_ENTRY);
  workers.push(victim);
  await waitFor(
    "step 2 committed",
    async () =>
      (await db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).currentStep >= 2 ? true : undefined,
    { timeoutMs: 90_000, intervalMs: 20 },
  );
  victim.child.kill("SIGKILL");
  await victim.exited;
  const loadsBefore = server.requests.get("/api/v1/load_weights") ?? 0;
  const finisher = spawnWorker(db.url, "finisher", FAST_LEASES, REAL_WORKER_ENTRY);
  workers.push(finisher);
  await waitForRunStatus(db.prisma, runId, "completed", 120_000);
  expect(server.requests.get("/api/v1/load_weights") ?? 0).toBeGreaterThan(loadsBefore);
  expectSameRun(comparable(await snapshotRun(db.pool, runId)));
}, 240_000);
