/**
 * The worker's settings from the environment. Every variable is optional; the defaults give a takeover
 * of a dead worker's runs within ~25 s (lease TTL + reaper period + queue polling).
 */
import "server-only";
import { z } from "zod";
import { DEFAULT_CRASH_LIMIT } from "@/lib/server/runner/worker-session";

const milliseconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const workerEnvSchema = z
  .object({
    WORKER_ID: z.string().trim().min(1).max(200).optional(),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    WORKER_LEASE_TTL_MS: milliseconds(15_000),
    WORKER_HEARTBEAT_MS: milliseconds(3_000),
    WORKER_POLL_MS: milliseconds(1_000),
    WORKER_REAPER_MS: milliseconds(4_000),
    WORKER_SHUTDOWN_TIMEOUT_MS: milliseconds(10_000),
    // Poison-run detection: crashes while holding a run, without a committed step between; 0 is off.
    WORKER_CRASH_LIMIT: z.coerce.number().int().min(0).max(1_000).default(DEFAULT_CRASH_LIMIT),
    // The worker's own health endpoints (worker-health-server.ts) for probes; 0 is off.
    ESPL_WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65_535).default(0),
    // Loopback by default: a probe on another machine needs it set to 0.0.0.0 or the host's address.
    ESPL_WORKER_HEALTH_HOST: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9.:-]{1,253}$/, "must be an address such as 127.0.0.1, 0.0.0.0 or a host name")
      .default("127.0.0.1"),
  })
  .refine((env) => env.WORKER_HEARTBEAT_MS * 2 <= env.WORKER_LEASE_TTL_MS, {
    message:
      "WORKER_HEARTBEAT_MS must be at most half of WORKER_LEASE_TTL_MS, or leases expire between beats",
    path: ["WORKER_HEARTBEAT_MS"],
  });

export interface WorkerConfig {
  workerId: string | undefined;
  concurrency: number;
  leaseTtlMs: number;
  heartbeatMs: number;
  pollIntervalMs: number;
  reaperIntervalMs: number;
  shutdownTimeoutMs: number;
  crashLimit: number;
  /** Port of the health endpoints (GET /healthz, /readyz); null when they are off. */
  healthPort: number | null;
  healthHost: string;
}

export function parseWorkerConfig(env: Record<string, string | undefined>): WorkerConfig {
  // An empty variable (as .env.example leaves them) means "the default".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = workerEnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`invalid worker settings: ${problems}`);
  }
  const e = parsed.data;
  return {
    workerId: e.WORKER_ID,
    concurrency: e.WORKER_CONCURRENCY,
    leaseTtlMs: e.WORKER_LEASE_TTL_MS,
    heartbeatMs: e.WORKER_HEARTBEAT_MS,
    pollIntervalMs: e.WORKER_POLL_MS,
    reaperIntervalMs: e.WORKER_REAPER_MS,
    shutdownTimeoutMs: e.WORKER_SHUTDOWN_TIMEOUT_MS,
    crashLimit: e.WORKER_CRASH_LIMIT,
    healthPort: e.ESPL_WORKER_HEALTH_PORT === 0 ? null : e.ESPL_WORKER_HEALTH_PORT,
    healthHost: e.ESPL_WORKER_HEALTH_HOST,
  };
}
