import { describe, expect, test } from "vitest";
import {
  backoffDelay,
  BackendError,
  classifyBackendError,
  classifyDbError,
  formatRetryDetail,
  withRetry,
  type RetryClock,
} from "./retry";

/** A clock whose sleeps advance time instantly and are recorded. */
function fakeClock(): RetryClock & { sleeps: number[]; time: number } {
  const clock = {
    time: 0,
    sleeps: [] as number[],
    now: () => clock.time,
    sleep: async (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      clock.sleeps.push(ms);
      clock.time += ms;
    },
  };
  return clock;
}

/** fn that fails with the given errors in order, then returns "ok". */
function failing(...errors: unknown[]) {
  const calls: number[] = [];
  const fn = async (attempt: number) => {
    calls.push(attempt);
    const error = errors[attempt - 1];
    if (error !== undefined) throw error;
    return "ok";
  };
  return { fn, calls };
}

const http = (status: number) => new BackendError(`HTTP ${status}`, { status, backend: "policy backend" });
const nodeError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe("classifyBackendError", () => {
  test.each([
    [http(429), "429 from policy backend"],
    [http(500), "500 from policy backend"],
    [http(503), "503 from policy backend"],
    [
      new BackendError("slow", { code: "timeout", backend: "reflection backend" }),
      "timeout from reflection backend",
    ],
    [new BackendError("reset", { code: "ECONNRESET" }), "ECONNRESET"],
    [nodeError("ECONNREFUSED"), "ECONNREFUSED"],
    [nodeError("ECONNRESET"), "ECONNRESET"],
    [new DOMException("The operation timed out.", "TimeoutError"), "timeout"],
    // fetch() wraps the socket error in a TypeError.
    [new TypeError("fetch failed", { cause: nodeError("ECONNREFUSED") }), "ECONNREFUSED"],
  ])("%s is transient: %s", (error, reason) => {
    expect(classifyBackendError(error)).toBe(reason);
  });

  test.each([
    [http(400)],
    [http(401)],
    [http(404)],
    [new Error("undefined is not a function")],
    [new DOMException("aborted", "AbortError")],
    [new BackendError("bad request", { status: 400, cause: nodeError("ECONNRESET") })],
    ["a string"],
    [null],
  ])("%s is permanent", (error) => {
    expect(classifyBackendError(error)).toBeNull();
  });
});

describe("classifyDbError", () => {
  test("Prisma's wrapping of a terminated connection (57P01) is transient", () => {
    const error = Object.assign(new Error("Raw query failed. Code: `57P01`."), {
      code: "P2010",
      meta: { driverAdapterError: { cause: { originalCode: "57P01", kind: "postgres", code: "57P01" } } },
    });
    expect(classifyDbError(error)).toBe("database: 57P01");
  });

  test("an unreachable server is transient", () => {
    const error = Object.assign(new Error("Can't reach database server"), {
      code: "P2010",
      meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } },
    });
    expect(classifyDbError(error)).toBe("database: DatabaseNotReachable");
  });

  test.each([
    [new Error("Connection terminated unexpectedly"), "database: connection lost"],
    [nodeError("ECONNREFUSED"), "database: ECONNREFUSED"],
    [Object.assign(new Error("x"), { code: "08006" }), "database: 08006"],
    [Object.assign(new Error("timed out fetching a connection"), { code: "P2024" }), "database: P2024"],
  ])("%s is transient", (error, reason) => {
    expect(classifyDbError(error)).toBe(reason);
  });

  test.each([
    [Object.assign(new Error("Unique constraint failed"), { code: "P2002" })],
    [Object.assign(new Error("syntax error"), { code: "42601" })],
    [new Error("the lease was lost")],
  ])("%s is permanent", (error) => {
    expect(classifyDbError(error)).toBeNull();
  });
});

describe("backoffDelay", () => {
  test("full jitter: uniform below an exponentially growing, capped ceiling", () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, 100, 1_000, () => 0.999999))).toEqual([
      99, 199, 399, 799, 999,
    ]);
    expect(backoffDelay(3, 100, 1_000, () => 0)).toBe(0);
    expect(backoffDelay(3, 100, 1_000, () => 0.5)).toBe(200);
  });
});

describe("withRetry", () => {
  test("retries transient failures with backoff, reports each retry, then returns", async () => {
    const clock = fakeClock();
    const { fn, calls } = failing(http(429), nodeError("ECONNRESET"));
    const retries: [string, number, number][] = [];
    const result = await withRetry(fn, {
      clock,
      random: () => 0.5,
      baseDelayMs: 1_000,
      onRetry: (reason, attempt, delayMs) => void retries.push([reason, attempt, delayMs]),
    });
    expect(result).toBe("ok");
    expect(calls).toEqual([1, 2, 3]);
    expect(retries).toEqual([
      ["429 from policy backend", 2, 500],
      ["ECONNRESET", 3, 1_000],
    ]);
    expect(clock.sleeps).toEqual([500, 1_000]);
  });

  test("a permanent failure is thrown at once, unchanged", async () => {
    const clock = fakeClock();
    const permanent = http(400);
    const { fn, calls } = failing(http(503), permanent);
    await expect(withRetry(fn, { clock })).rejects.toBe(permanent);
    expect(calls).toEqual([1, 2]);
  });

  test("gives up after maxAttempts, throwing the last error", async () => {
    const clock = fakeClock();
    const last = http(502);
    const { fn, calls } = failing(http(500), http(503), last);
    await expect(withRetry(fn, { clock, maxAttempts: 3 })).rejects.toBe(last);
    expect(calls).toEqual([1, 2, 3]);
  });

  test("gives up when the next wait would pass the total time budget", async () => {
    const clock = fakeClock();
    const { fn, calls } = failing(http(503), http(503), http(503), http(503));
    // Waits of 1 s, 2 s, 4 s (random ~1): the third would end at 7 s > 5 s.
    await expect(
      withRetry(fn, {
        clock,
        random: () => 0.9999,
        baseDelayMs: 1_000,
        maxElapsedMs: 5_000,
        maxAttempts: 10,
      }),
    ).rejects.toMatchObject({ status: 503 });
    expect(calls).toEqual([1, 2, 3]);
    expect(clock.sleeps).toEqual([999, 1_999]);
  });

  test("waits at least the backend's Retry-After", async () => {
    const clock = fakeClock();
    const limited = new BackendError("slow down", { status: 429, retryAfterMs: 7_000 });
    const { fn } = failing(limited);
    await withRetry(fn, { clock, random: () => 0 });
    expect(clock.sleeps).toEqual([7_000]);
  });

  test("an aborted signal stops retrying and throws the abort reason", async () => {
    const clock = fakeClock();
    const controller = new AbortController();
    const reason = new Error("hard cancel");
    const { fn, calls } = failing(http(503), http(503), http(503));
    const promise = withRetry(fn, {
      clock,
      signal: controller.signal,
      onRetry: () => controller.abort(reason),
    });
    await expect(promise).rejects.toBe(reason);
    expect(calls).toEqual([1]);
  });

  test("a failure after the signal aborted is not retried", async () => {
    const controller = new AbortController();
    const calls: number[] = [];
    const promise = withRetry(
      async (attempt) => {
        calls.push(attempt);
        controller.abort();
        throw nodeError("ECONNRESET");
      },
      { clock: fakeClock(), signal: controller.signal },
    );
    await expect(promise).rejects.toMatchObject({ code: "ECONNRESET" });
    expect(calls).toEqual([1]);
  });

  test("a failing onRetry does not turn a retry into a failure", async () => {
    const { fn } = failing(http(503));
    const result = await withRetry(fn, {
      clock: fakeClock(),
      onRetry: () => {
        throw new Error("status update failed");
      },
    });
    expect(result).toBe("ok");
  });

  test("the database classifier retries connection faults only", async () => {
    const clock = fakeClock();
    const { fn, calls } = failing(new Error("Connection terminated unexpectedly"));
    await expect(withRetry(fn, { clock, classify: classifyDbError })).resolves.toBe("ok");
    expect(calls).toEqual([1, 2]);
    await expect(
      withRetry(failing(http(503)).fn, { clock, classify: classifyDbError }),
    ).rejects.toMatchObject({
      status: 503,
    });
  });

  test("the status line shown while retrying", () => {
    expect(formatRetryDetail("429 from policy backend", 2)).toBe(
      "retrying: 429 from policy backend (attempt 2)",
    );
  });
});
