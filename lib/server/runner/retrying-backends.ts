/**
 * Model calls of a run with the retry policy of lib/server/runner/retry.ts: timeouts, refused connections, 429
 * and 5xx are retried with backoff while the run shows "retrying: …"; anything else propagates and fails
 * the run (its committed steps stay). Reflection failures are not retried here: the engine records a
 * failed reply as a failed evolution event, which is the reference's own behaviour for a bad reply.
 */
import "server-only";
import type { Completion, PolicyBackend, SampleRequest } from "@/lib/espl/ports";
import { classifyBackendError, formatRetryDetail, withRetry, type RetryOptions } from "./retry";

export interface RetryHooks {
  signal: AbortSignal;
  setStatusDetail(detail: string | null): Promise<void>;
  /** Overrides for tests (clock, jitter, attempts). */
  options?: Partial<RetryOptions>;
  /** Told of every sampling batch that succeeded: what was sent, what came back, the retries it took. */
  onSample?: (batch: SampledBatch) => void;
}

export interface SampledBatch {
  requests: readonly SampleRequest[];
  completions: readonly (readonly Completion[])[];
  latencyMs: number;
  retries: number;
}

export function withRetryingPolicy(policy: PolicyBackend, hooks: RetryHooks): PolicyBackend {
  let retrying = false;
  const call = async <T>(fn: () => Promise<T>, onRetry?: (attempt: number) => void): Promise<T> => {
    const result = await withRetry(fn, {
      classify: classifyBackendError,
      ...hooks.options,
      signal: hooks.signal,
      onRetry: (reason, attempt) => {
        retrying = true;
        onRetry?.(attempt);
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
    sample: async (requests, params, signal) => {
      // Counted per call: the train and test batches of a step are sampled at the same time.
      let retries = 0;
      const started = performance.now();
      const completions = await call(
        () => policy.sample(requests, params, signal ?? hooks.signal),
        (attempt) => (retries = attempt - 1),
      );
      hooks.onSample?.({ requests, completions, latencyMs: performance.now() - started, retries });
      return completions;
    },
    train: (request, signal) => call(() => policy.train(request, signal ?? hooks.signal)),
    saveCheckpoint: (name) => call(() => policy.saveCheckpoint(name)),
    loadCheckpoint: (ref) => call(() => policy.loadCheckpoint(ref)),
  };
}
