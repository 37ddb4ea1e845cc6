import { describe, expect, test } from "vitest";
import { DEFAULT_RESTART_POLICY, describeRestart, nextRestart, type RestartState } from "./worker-restart";

/** The delays of `exits` quick exits in a row, each after `uptimeMs`. */
function delays(exits: number, uptimeMs = 100): number[] {
  let state: RestartState = { quickExits: 0 };
  const out: number[] = [];
  for (let i = 0; i < exits; i++) {
    const decision = nextRestart(state, uptimeMs);
    out.push(decision.delayMs);
    state = decision.state;
  }
  return out;
}

describe("worker restarts", () => {
  test("never give up: the delay doubles up to a minute and stays there", () => {
    expect(delays(9)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    // The old script stopped restarting after 5 quick exits; a thousand still get a restart.
    expect(delays(1_000).at(-1)).toBe(DEFAULT_RESTART_POLICY.maxMs);
  });

  test("a worker that stayed up a while starts the backoff over", () => {
    let state: RestartState = { quickExits: 0 };
    for (let i = 0; i < 5; i++) state = nextRestart(state, 100).state;
    expect(nextRestart(state, 100).delayMs).toBe(32_000);
    const after = nextRestart(state, DEFAULT_RESTART_POLICY.stableMs);
    expect(after.delayMs).toBe(1_000);
    expect(nextRestart(after.state, 100).delayMs).toBe(2_000);
  });

  test("each restart is logged with its delay", () => {
    expect(describeRestart("SIGKILL", 4_000, 3)).toBe(
      "the worker exited (SIGKILL); restarting it in 4 s (restart 3; runs resume once it is back)",
    );
    expect(describeRestart("code 1", 500, 1)).toMatch(/restarting it in 500 ms/);
  });
});
