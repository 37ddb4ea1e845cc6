/**
 * When `npm start` restarts its worker. It never gives up: a worker that keeps dying (its database
 * down, a run crashing it until poison-run detection fails that run) is restarted with exponential
 * backoff instead, so that runs execute again on their own once the cause is gone, without a restart
 * by hand. A worker that stayed up a while starts the backoff over.
 */

export interface RestartPolicy {
  /** Delay after the first exit of a run of exits. */
  baseMs: number;
  /** The longest delay between two restarts. */
  maxMs: number;
  /** A worker that ran at least this long counts as having started fine: the next delay is baseMs. */
  stableMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { baseMs: 1_000, maxMs: 60_000, stableMs: 60_000 };

export interface RestartState {
  /** Quick exits in a row so far. */
  quickExits: number;
}

export interface RestartDecision {
  delayMs: number;
  state: RestartState;
}

/** The delay before the next start, after a worker that ran for `uptimeMs` exited. */
export function nextRestart(
  state: RestartState,
  uptimeMs: number,
  policy: RestartPolicy = DEFAULT_RESTART_POLICY,
): RestartDecision {
  const quickExits = uptimeMs >= policy.stableMs ? 0 : state.quickExits;
  // 2^quickExits grows past maxMs long before it could overflow; the cap keeps it there.
  const delayMs = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(quickExits, 30));
  return { delayMs, state: { quickExits: quickExits + 1 } };
}

/** The start script's line for a restart, e.g. "…exited (SIGKILL); restarting it in 4 s (restart 3)". */
export function describeRestart(exit: string, delayMs: number, restarts: number): string {
  const delay = delayMs >= 1_000 ? `${Math.round(delayMs / 100) / 10} s` : `${delayMs} ms`;
  return `the worker exited (${exit}); restarting it in ${delay} (restart ${restarts}; runs resume once it is back)`;
}
