import "server-only";

/**
 * A counting semaphore: at most `limit` calls of one backend in flight in this process, shared by the
 * policy and reflection clients of every run that uses the backend (the limit protects the server).
 */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency must be ≥ 1, got ${limit}`);
  }

  get inFlight(): number {
    return this.active;
  }

  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.active < this.limit) {
      this.active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        this.active += 1;
        resolve();
      };
      const onAbort = () => {
        const at = this.waiting.indexOf(grant);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal?.reason);
      };
      this.waiting.push(grant);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  private release(): void {
    this.active -= 1;
    this.waiting.shift()?.();
  }
}

const limits = new Map<string, ConcurrencyLimit>();

/** One limit per backend and setting: a changed setting takes effect for runs started after it. */
export function getBackendLimit(backendId: string, limit: number): ConcurrencyLimit {
  const key = `${backendId}:${limit}`;
  let found = limits.get(key);
  if (!found) {
    found = new ConcurrencyLimit(limit);
    limits.set(key, found);
  }
  return found;
}
