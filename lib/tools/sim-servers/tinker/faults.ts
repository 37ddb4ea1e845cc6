/**
 * Fault injection for the simulated Tinker server: rate-limited (429) and failing (5xx) replies, slow
 * replies, dropped connections (the request is processed, then the socket is destroyed before the reply:
 * the hard case for retries), futures that stay pending for a while, and a server that is down. Draws come
 * from a seeded stream so a failing test can be replayed.
 */
import { z } from "zod";
import { SeededRng } from "@/lib/espl/rng";

export const faultSettingsSchema = z.object({
  rate429: z.number().min(0).max(1).default(0),
  rate5xx: z.number().min(0).max(1).default(0),
  rateDrop: z.number().min(0).max(1).default(0),
  rateSlow: z.number().min(0).max(1).default(0),
  slowMs: z.number().int().nonnegative().default(2000),
  /** Every future stays pending this long after submission. */
  pendingMs: z.number().int().nonnegative().default(0),
  /** Every request answers 503. */
  down: z.boolean().default(false),
  seed: z.number().int().nonnegative().default(0),
});

export type FaultSettings = z.infer<typeof faultSettingsSchema>;
export type FaultDecision = "none" | "429" | "5xx" | "drop" | "slow";

export class FaultInjector {
  private settings: FaultSettings;
  private rng: SeededRng;
  /** What was injected so far, by kind: tests assert the faults actually happened. */
  readonly counts: Record<FaultDecision | "down", number> = {
    none: 0,
    "429": 0,
    "5xx": 0,
    drop: 0,
    slow: 0,
    down: 0,
  };

  constructor(settings: Partial<FaultSettings> = {}) {
    this.settings = faultSettingsSchema.parse(settings);
    this.rng = SeededRng.fromSeed(this.settings.seed);
  }

  get current(): FaultSettings {
    return this.settings;
  }

  update(settings: Partial<FaultSettings>): void {
    this.settings = faultSettingsSchema.parse({ ...this.settings, ...settings });
  }

  isDown(): boolean {
    if (this.settings.down) this.counts.down += 1;
    return this.settings.down;
  }

  decide(): FaultDecision {
    const { rate429, rate5xx, rateDrop, rateSlow } = this.settings;
    const u = this.rng.random();
    let decision: FaultDecision = "none";
    if (u < rate429) decision = "429";
    else if (u < rate429 + rate5xx) decision = "5xx";
    else if (u < rate429 + rate5xx + rateDrop) decision = "drop";
    else if (u < rate429 + rate5xx + rateDrop + rateSlow) decision = "slow";
    this.counts[decision] += 1;
    return decision;
  }
}
