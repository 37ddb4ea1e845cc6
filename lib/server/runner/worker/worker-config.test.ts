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
      healthPort: null,
      healthHost: "127.0.0.1",
    });
  });

  test("reads the environment; empty values mean the default", () => {
    const config = parseWorkerConfig({ WORKER_ID: "w1", WORKER_CONCURRENCY: "2", WORKER_LEASE_TTL_MS: "" });
    expect(config).toMatchObject({ workerId: "w1", concurrency: 2, leaseTtlMs: 15_000 });
  });

  test("the health endpoints: off unless a port is set, on loopback unless a host is", () => {
    expect(parseWorkerConfig({ ESPL_WORKER_HEALTH_PORT: "0" }).healthPort).toBeNull();
    expect(parseWorkerConfig({ ESPL_WORKER_HEALTH_PORT: "9464" })).toMatchObject({
      healthPort: 9464,
      healthHost: "127.0.0.1",
    });
    expect(
      parseWorkerConfig({ ESPL_WORKER_HEALTH_PORT: "9464", ESPL_WORKER_HEALTH_HOST: "0.0.0.0" }).healthHost,
    ).toBe("0.0.0.0");
    expect(() => parseWorkerConfig({ ESPL_WORKER_HEALTH_PORT: "70000" })).toThrow(/ESPL_WORKER_HEALTH_PORT/);
    expect(() => parseWorkerConfig({ ESPL_WORKER_HEALTH_PORT: "http" })).toThrow(/ESPL_WORKER_HEALTH_PORT/);
    expect(() => parseWorkerConfig({ ESPL_WORKER_HEALTH_HOST: "http://x/" })).toThrow(
      /ESPL_WORKER_HEALTH_HOST: must be an address/,
    );
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
