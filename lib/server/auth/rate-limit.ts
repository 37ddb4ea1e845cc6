/**
 * Sign-in rate limit: failed attempts are rows in `sign_in_attempts` (per email and per IP), counted in
 * a sliding window, so the limit holds across server processes and restarts. A success clears the
 * email's failures; the IP's stay, so one address cannot walk through many accounts.
 */
import "server-only";
import { rateLimited } from "@/lib/domain/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface RateLimitRule {
  /** Failures allowed inside the window; the next attempt is refused. */
  limit: number;
  windowMs: number;
}

export const SIGN_IN_LIMITS = {
  email: { limit: 5, windowMs: 15 * 60_000 },
  ip: { limit: 30, windowMs: 15 * 60_000 },
} satisfies Record<string, RateLimitRule>;

export interface AttemptWindow {
  /** Failures inside the window. */
  count: number;
  /** The oldest of them (it leaves the window first). */
  oldest: Date | null;
}

/** Pure: null when allowed, else the milliseconds until one more attempt will be. */
export function computeRetryAfterMs(window: AttemptWindow, rule: RateLimitRule, now: Date): number | null {
  if (window.count < rule.limit || !window.oldest) return null;
  return Math.max(1_000, window.oldest.getTime() + rule.windowMs - now.getTime());
}

export const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

async function readWindow(prisma: PrismaClient, key: string, rule: RateLimitRule, now: Date) {
  const since = new Date(now.getTime() - rule.windowMs);
  const result = await prisma.signInAttempt.aggregate({
    where: { key, createdAt: { gt: since } },
    _count: { _all: true },
    _min: { createdAt: true },
  });
  return { count: result._count._all, oldest: result._min.createdAt };
}

/** Throws a rate_limited error (429) naming the wait when the email or the IP has failed too often. */
export async function assertSignInAllowed(
  prisma: PrismaClient,
  who: { email: string; ip: string },
  now = new Date(),
  limits = SIGN_IN_LIMITS,
): Promise<void> {
  const checks = [
    [emailKey(who.email), limits.email],
    [ipKey(who.ip), limits.ip],
  ] as const;
  for (const [key, rule] of checks) {
    const retry = computeRetryAfterMs(await readWindow(prisma, key, rule, now), rule, now);
    if (retry !== null) {
      const minutes = Math.ceil(retry / 60_000);
      throw rateLimited(
        `too many failed sign-in attempts; try again in ${minutes} minute${minutes === 1 ? "" : "s"}`,
      );
    }
  }
}

export async function recordFailedSignIn(prisma: PrismaClient, who: { email: string; ip: string }) {
  await prisma.signInAttempt.createMany({ data: [{ key: emailKey(who.email) }, { key: ipKey(who.ip) }] });
}

export async function clearSignInFailures(prisma: PrismaClient, email: string) {
  await prisma.signInAttempt.deleteMany({ where: { key: emailKey(email) } });
}
