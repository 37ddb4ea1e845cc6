import { describe, expect, test } from "vitest";
import { parseWorkerConfig } from "./worker-config";

describe("parseWorkerConfig", () => {
  test("defaults: 15 s lease, 3 s heartbeat, 4 runs at once", () => {
    expect(parseWorkerConfig({})).toEqual({
      workerId: undefined,
      concurrency: 4,
      leaseTtlMs: 15_000,
      heartbeatMs: 3_000,
      pollIntervalMs: 1_000,
      reaperIntervalMs: 4_000,
      shutdownTimeoutMs: 10_000,
      crashLimit: 3,
    });
  });

  test("reads the environment; empty values mean the default", () => {
    const config = parseWorkerConfig({ WORKER_ID: "w1", WORKER_CONCURRENCY: "2", WORKER_LEASE_TTL_MS: "" });
    expect(config).toMatchObject({ workerId: "w1", concurrency: 2, leaseTtlMs: 15_000 });
  });

  test("refuses nonsense with the variable's name", () => {
    expect(() => parseWorkerConfig({ WORKER_CONCURRENCY: "zero" })).toThrow(/WORKER_CONCURRENCY/);
    expect(() => parseWorkerConfig({ WORKER_CRASH_LIMIT: "-1" })).toThrow(/WORKER_CRASH_LIMIT/);
    expect(parseWorkerConfig({ WORKER_CRASH_LIMIT: "0" }).crashLimit).toBe(0);
    expect(() => parseWorkerConfig({ WORKER_LEASE_TTL_MS: "4000", WORKER_HEARTBEAT_MS: "3000" })).toThrow(
      /WORKER_HEARTBEAT_MS must be at most half/,
    );
  });
});
