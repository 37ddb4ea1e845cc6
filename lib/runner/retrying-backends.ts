/**
 * Model calls of a run with the retry policy of lib/runner/retry.ts: timeouts, refused connections, 429
 * and 5xx are retried with backoff while the run shows "retrying: …"; anything else propagates and fails
 * the run (its committed steps stay). Reflection failures are not retried here: the engine records a
 * failed reply as a failed evolution event, which is the reference's own behaviour for a bad reply.
 */
import type { PolicyBackend } from "@/lib/espl/ports";
import { classifyBackendError, formatRetryDetail, withRetry, type RetryOptions } from "./retry";

export interface RetryHooks {
  signal: AbortSignal;
  setStatusDetail(detail: string | null): Promise<void>;
  /** Overrides for tests (clock, jitter, attempts). */
  options?: Partial<RetryOptions>;
}

export function withRetryingPolicy(policy: PolicyBackend, hooks: RetryHooks): PolicyBackend {
  let retrying = false;
  const call = async <T>(fn: () => Promise<T>): Promise<T> => {
    const result = await withRetry(fn, {
      classify: classifyBackendError,
      ...hooks.options,
      signal: hooks.signal,
      onRetry: (reason, attempt) => {
        retrying = true;
        void hooks.setStatusDetail(formatRetryDetail(reason, attempt)).catch(() => {});
      },
    });
    if (retrying) {
      retrying = false;
      await hooks.setStatusDetail(null);
    }
    return result;
  };
  return {
    // Read through: an adapter may learn only from its server whether it is a simulation.
    get simulated() {
      return policy.simulated;
    },
    sample: (requests, params, signal) => call(() => policy.sample(requests, params, signal ?? hooks.signal)),
    train: (request, signal) => call(() => policy.train(request, signal ?? hooks.signal)),
    saveCheckpoint: (name) => call(() => policy.saveCheckpoint(name)),
    loadCheckpoint: (ref) => call(() => policy.loadCheckpoint(ref)),
  };
}
