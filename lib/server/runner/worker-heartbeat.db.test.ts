/**
 * Worker state on /api/health (issue item 3): workers heartbeat a row of their own, so the web server,
 * a separate process, can say whether anything executes runs: none ever, up, or down since a time.
 */
import { beforeAll, expect, test } from "vitest";
import { checkHealth } from "@/lib/server/health";
import { waitFor } from "./testing/worker-processes";
import { setUpWorkerTestEnvironment } from "./testing/worker-test-environment";

const env = setUpWorkerTestEnvironment();
const FAST = { WORKER_LEASE_TTL_MS: "1000", WORKER_HEARTBEAT_MS: "250" };

beforeAll(() => {
  // checkHealth reads the process-wide client, which reads DATABASE_URL on first use.
  process.env.DATABASE_URL = env.db.url;
});

const workerState = async () => (await checkHealth()).worker;

test("health tells whether a worker is up, without naming it", async () => {
  expect(await workerState()).toEqual({ state: "none", live: 0, activeRuns: 0, lastHeartbeatAt: null });

  const [worker] = await env.startWorkers(["heartbeat-host:4242:abc"], FAST);
  const up = await waitFor("the worker to show as up", async () => {
    const state = await workerState();
    return state?.state === "up" ? state : undefined;
  });
  expect(up).toMatchObject({ live: 1, activeRuns: 0 });
  const health = await checkHealth();
  expect(health.ok).toBe(true);
  expect(JSON.stringify(health)).not.toMatch(/heartbeat-host|4242/);

  // Killed: its row stops being renewed and the worker shows as down, since its last heartbeat.
  worker!.child.kill("SIGKILL");
  await worker!.exited;
  const down = await waitFor("the worker to show as down", async () => {
    const state = await workerState();
    return state?.state === "down" ? state : undefined;
  });
  expect(down).toMatchObject({ live: 0, activeRuns: 0 });
  expect(Date.parse(down!.lastHeartbeatAt!)).toBeGreaterThan(Date.now() - 10_000);
  expect((await checkHealth()).ok, "the web app itself is still healthy").toBe(true);

  // A worker stopped cleanly takes its row with it at once.
  const [clean] = await env.startWorkers(["clean"], FAST);
  await waitFor("the second worker to show as up", async () =>
    (await workerState())?.state === "up" ? true : undefined,
  );
  clean!.child.kill("SIGTERM");
  await clean!.exited;
  const rows = await env.db.pool.query(`SELECT id FROM workers WHERE id = 'clean'`);
  expect(rows.rowCount).toBe(0);
}, 60_000);
