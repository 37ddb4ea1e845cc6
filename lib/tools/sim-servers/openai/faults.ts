/**
 * Fault injection for the simulated OpenAI-compatible server, so retries, failed runs and unparseable
 * replies can be exercised against a real HTTP server. Each fault hits the first `first` matching
 * requests, then each later one with probability `rate` (a seeded stream, so runs are reproducible).
 * Faults can be changed while the server runs (POST /_sim/faults), e.g. to take a backend down mid-run.
 */
import { z } from "zod";

export const FAULT_TARGETS = ["all", "policy", "reflection"] as const;
export type FaultTarget = (typeof FAULT_TARGETS)[number];

const trigger = {
  first: z.number().int().min(0).default(0),
  rate: z.number().min(0).max(1).default(0),
  target: z.enum(FAULT_TARGETS).default("all"),
};

export const faultsSchema = z.object({
  /** 429 Too Many Requests with a Retry-After header (seconds). */
  rateLimit: z.object({ ...trigger, retryAfterS: z.number().min(0).max(3600).default(1) }).optional(),
  /** A 5xx answer (500 by default; 502/503 for proxies). */
  serverError: z.object({ ...trigger, status: z.number().int().min(500).max(599).default(500) }).optional(),
  /** The socket is destroyed before any answer. */
  drop: z.object(trigger).optional(),
  /** A chat reply whose content is JSON cut in the middle (what a model that rambles produces). */
  malformedContent: z.object(trigger).optional(),
  /** An HTTP 200 whose body is not JSON at all. */
  malformedBody: z.object(trigger).optional(),
  /** Every answer waits this long first. */
  slowMs: z.number().int().min(0).max(600_000).default(0),
});

export type Faults = z.infer<typeof faultsSchema>;
export type FaultKind = Exclude<keyof Faults, "slowMs">;
export const FAULT_KINDS: readonly FaultKind[] = [
  "rateLimit",
  "serverError",
  "drop",
  "malformedContent",
  "malformedBody",
];

/** A tiny seeded generator (mulberry32): fault draws must not depend on Math.random. */
function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultPlan {
  private faults: Faults;
  private seen = new Map<FaultKind, number>();
  private readonly random: () => number;
  readonly injected: Record<FaultKind, number> = {
    rateLimit: 0,
    serverError: 0,
    drop: 0,
    malformedContent: 0,
    malformedBody: 0,
  };

  constructor(faults: unknown, seed: number) {
    this.faults = faultsSchema.parse(faults ?? {});
    this.random = createRandom(seed ^ 0x5eed);
  }

  get current(): Faults {
    return this.faults;
  }

  get slowMs(): number {
    return this.faults.slowMs;
  }

  /** Replaces every fault; counters of "first N" restart. */
  replace(faults: unknown): Faults {
    this.faults = faultsSchema.parse(faults ?? {});
    this.seen.clear();
    return this.faults;
  }

  /** Whether `kind` hits this request (of the given use). */
  draw(kind: FaultKind, use: "policy" | "reflection"): boolean {
    const fault = this.faults[kind];
    if (!fault || (fault.target !== "all" && fault.target !== use)) return false;
    const index = this.seen.get(kind) ?? 0;
    this.seen.set(kind, index + 1);
    const hit = index < fault.first || (fault.rate > 0 && this.random() < fault.rate);
    if (hit) this.injected[kind] += 1;
    return hit;
  }
}
