import "server-only";
/**
 * The per-token request limit of the HTTP API: a sliding window of request times per token, in this
 * process's memory. Unlike the sign-in limit (better-auth's, in the database), a database write per
 * allowed request would cost more than the request; with N web processes the limit is per process.
 */
import { rateLimited } from "@/lib/domain/errors";

export interface RateLimitRule {
  /** Requests allowed inside the window; the next one is refused. */
  limit: number;
  windowMs: number;
}

/** Pure: null when allowed, else the milliseconds until one more request will be. */
function computeRetryAfterMs(
  window: { count: number; oldest: Date | null },
  rule: RateLimitRule,
  now: Date,
): number | null {
  if (window.count < rule.limit || !window.oldest) return null;
  return Math.max(1_000, window.oldest.getTime() + rule.windowMs - now.getTime());
}

/** ESPL_API_RATE_LIMIT requests per minute per token (default 600). */
export function readApiRateRule(env: Record<string, string | undefined> = process.env): RateLimitRule {
  const limit = Number(env.ESPL_API_RATE_LIMIT);
  return { limit: Number.isInteger(limit) && limit > 0 ? limit : 600, windowMs: 60_000 };
}

export class TokenRateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly rule: RateLimitRule) {}

  /** Counts one request of the token; throws rate_limited (429) naming the wait when over the limit. */
  take(tokenId: string, now = Date.now()): void {
    const since = now - this.rule.windowMs;
    const times = (this.hits.get(tokenId) ?? []).filter((t) => t > since);
    const window = { count: times.length, oldest: times.length > 0 ? new Date(times[0]!) : null };
    const retry = computeRetryAfterMs(window, this.rule, new Date(now));
    if (retry !== null) {
      this.hits.set(tokenId, times);
      throw rateLimited(`too many requests with this token; try again in ${Math.ceil(retry / 1000)} s`);
    }
    times.push(now);
    this.hits.set(tokenId, times);
  }
}

let shared: TokenRateLimiter | null = null;

export function getTokenRateLimiter(): TokenRateLimiter {
  shared ??= new TokenRateLimiter(readApiRateRule());
  return shared;
}
