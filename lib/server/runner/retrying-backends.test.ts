import { describe, expect, test } from "vitest";
import type { Completion, PolicyBackend } from "@/lib/espl/ports";
import { BackendError } from "./retry";
import { withRetryingPolicy } from "./retrying-backends";

const PARAMS = { temperature: 0.7, topP: 0.95, maxTokens: 100 };
const noWait = { now: () => 0, sleep: async () => {} };

function flakyPolicy(failures: BackendError[]): PolicyBackend & { calls: number } {
  const policy = {
    simulated: true,
    calls: 0,
    async sample(): Promise<Completion[][]> {
      policy.calls++;
      const failure = failures.shift();
      if (failure) throw failure;
      return [[{ text: "\\boxed{1}" }]];
    },
    train: async () => ({ metrics: {} }),
    saveCheckpoint: async (name: string) => ({ backendRef: name }),
    loadCheckpoint: async () => {},
  };
  return policy;
}

describe("withRetryingPolicy", () => {
  test("a 429 then a 503 are retried, shown on the run, and cleared on success", async () => {
    const details: (string | null)[] = [];
    const policy = flakyPolicy([
      new BackendError("slow down", { status: 429, backend: "policy backend" }),
      new BackendError("unavailable", { status: 503, backend: "policy backend" }),
    ]);
    const wrapped = withRetryingPolicy(policy, {
      signal: new AbortController().signal,
      setStatusDetail: async (d) => void details.push(d),
      options: { clock: noWait, random: () => 0 },
    });
    expect(await wrapped.sample([], PARAMS)).toEqual([[{ text: "\\boxed{1}" }]]);
    expect(policy.calls).toBe(3);
    expect(details).toEqual([
      "retrying: 429 from policy backend (attempt 2)",
      "retrying: 503 from policy backend (attempt 3)",
      null,
    ]);
  });

  test("a 400 is permanent: no retry, the error reaches the run", async () => {
    const details: (string | null)[] = [];
    const policy = flakyPolicy([new BackendError("bad request: unknown model", { status: 400 })]);
    const wrapped = withRetryingPolicy(policy, {
      signal: new AbortController().signal,
      setStatusDetail: async (d) => void details.push(d),
      options: { clock: noWait, random: () => 0 },
    });
    await expect(wrapped.sample([], PARAMS)).rejects.toThrow(/unknown model/);
    expect(policy.calls).toBe(1);
    expect(details).toEqual([]);
  });

  test("retries are bounded", async () => {
    const policy = flakyPolicy(Array.from({ length: 10 }, () => new BackendError("down", { status: 502 })));
    const wrapped = withRetryingPolicy(policy, {
      signal: new AbortController().signal,
      setStatusDetail: async () => {},
      options: { clock: noWait, random: () => 0, maxAttempts: 4 },
    });
    await expect(wrapped.sample([], PARAMS)).rejects.toThrow(/down/);
    expect(policy.calls).toBe(4);
  });
});
