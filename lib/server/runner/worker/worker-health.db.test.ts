/**
 * A real worker process with ESPL_WORKER_HEALTH_PORT set: /healthz answers while it lives, /readyz turns
 * 200 once it takes runs and tells which runs it holds (checked against the lease rows), then 503 from the
 * moment it is told to stop while it drains, and the port refuses connections once it is gone.
 */
import { createServer } from "node:net";
import { expect, test } from "vitest";
import { sendRunJob } from "@/lib/server/queue/run-queue";
import { createFakeRun, FAST_LEASES, waitFor } from "../testing/worker-processes";
import { setUpWorkerTestEnvironment } from "../testing/worker-test-environment";
import type { WorkerReadiness } from "./worker-health-server";

const env = setUpWorkerTestEnvironment();
const WORKER = "health-host:1:w1";

/** A port that was free a moment ago (the worker binds it right after). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function getJson(url: string): Promise<{ status: number; body: WorkerReadiness }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as WorkerReadiness };
}

/** The error code of a refused fetch (undici puts it on the cause). */
async function refusal(url: string): Promise<string | undefined> {
  try {
    await fetch(url);
    return undefined;
  } catch (error) {
    return ((error as { cause?: { code?: string } }).cause ?? {}).code;
  }
}

test("a worker's /healthz and /readyz, from start through a run to its shutdown", async () => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const [worker] = await env.startWorkers([WORKER], {
    ...FAST_LEASES,
    ESPL_WORKER_HEALTH_PORT: String(port),
  });
  expect(worker!.lines.some((l) => l.includes(`health endpoints at ${base}/healthz`))).toBe(true);

  const live = await fetch(`${base}/healthz`);
  expect(live.status).toBe(200);
  expect(await live.json()).toEqual({ alive: true, workerId: WORKER });
  expect((await fetch(`${base}/metrics`)).status).toBe(404);
  expect((await fetch(`${base}/readyz`, { method: "POST" })).status).toBe(405);

  const idle = await waitFor("the worker to be ready", async () => {
    const res = await getJson(`${base}/readyz`);
    return res.status === 200 ? res.body : undefined;
  });
  expect(idle).toMatchObject({ ready: true, workerId: WORKER, runsHeld: [] });
  expect(idle.reason).toBeUndefined();
  const { rows: beat } = await env.db.pool.query<{ heartbeat_at: Date; started_at: Date }>(
    `SELECT heartbeat_at, started_at FROM workers WHERE id = $1`,
    [WORKER],
  );
  expect(beat).toHaveLength(1);
  expect(Date.parse(idle.lastHeartbeatAt!)).toBeGreaterThanOrEqual(beat[0]!.started_at.getTime());
  expect(Date.parse(idle.lastHeartbeatAt!)).toBeLessThanOrEqual(beat[0]!.heartbeat_at.getTime());

  // Each step commits in a 3 s transaction that a shutdown waits for: a drain long enough to watch.
  const runId = await createFakeRun(env.db.prisma, { steps: 1_000, stepMs: 0, commitMs: 3_000 });
  await sendRunJob(env.boss, runId);
  const holding = await waitFor("the worker to report the run it holds", async () => {
    const res = await getJson(`${base}/readyz`);
    return res.body.runsHeld.length > 0 ? res : undefined;
  });
  expect(holding.status).toBe(200);
  const { rows: leases } = await env.db.pool.query<{ id: string }>(
    `SELECT id FROM runs WHERE lease_owner = $1 AND lease_expires_at > now()`,
    [WORKER],
  );
  expect(holding.body.runsHeld).toEqual(leases.map((r) => r.id));
  expect(holding.body.runsHeld).toEqual([runId]);

  // Stopped right after a step's call, so inside its commit: /readyz says so while the worker drains.
  const calls = async () =>
    (await env.db.pool.query(`SELECT 1 FROM fake_events WHERE run_id = $1 AND kind = 'call'`, [runId]))
      .rowCount ?? 0;
  const before = await calls();
  await waitFor("the next step's call", async () => ((await calls()) > before ? true : undefined));
  worker!.child.kill("SIGTERM");
  const draining = await waitFor("/readyz to stop answering 200", async () => {
    const res = await getJson(`${base}/readyz`);
    return res.status === 200 ? undefined : res;
  });
  expect(draining.status).toBe(503);
  expect(draining.body).toMatchObject({
    ready: false,
    reason: "the worker is shutting down: it takes no new runs",
    workerId: WORKER,
    runsHeld: [runId],
  });
  expect((await fetch(`${base}/healthz`)).status, "alive while it drains").toBe(200);

  expect(await worker!.exited).toBe(0);
  expect(await refusal(`${base}/readyz`)).toBe("ECONNREFUSED");
  const { rows: after } = await env.db.pool.query(`SELECT lease_owner FROM runs WHERE id = $1`, [runId]);
  expect(after[0]).toEqual({ lease_owner: null });
}, 60_000);

test("a taken health port stops the worker with a plain message", async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  const { port } = blocker.address() as { port: number };
  try {
    await expect(
      env.startWorkers(["health-host:2:w2"], { ESPL_WORKER_HEALTH_PORT: String(port) }),
    ).rejects.toThrow(new RegExp(`the health port 127\\.0\\.0\\.1:${port} is in use`));
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});
