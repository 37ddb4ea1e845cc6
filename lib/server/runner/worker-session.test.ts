import { describe, expect, test } from "vitest";
import { BackendError } from "./retry";
import {
  decideFinish,
  describeRunFailure,
  isDatabaseFault,
  RunAbortedError,
  type ExecutionEnd,
} from "./worker-session";

const returned = (outcome: Extract<ExecutionEnd, { kind: "returned" }>["outcome"]): ExecutionEnd => ({
  kind: "returned",
  outcome,
});
const threw = (error: unknown): ExecutionEnd => ({ kind: "threw", error });
const dbFault = Object.assign(new Error("Raw query failed"), {
  code: "P2010",
  meta: { driverAdapterError: { cause: { originalCode: "57P01" } } },
});

describe("decideFinish", () => {
  test("the executor's own outcome is applied when nothing interfered", () => {
    expect(decideFinish(returned({ kind: "completed" }), null)).toEqual({
      kind: "finish",
      status: "completed",
      error: null,
    });
    expect(decideFinish(returned({ kind: "paused" }), null)).toMatchObject({ status: "paused" });
    expect(decideFinish(returned({ kind: "cancelled" }), null)).toMatchObject({ status: "cancelled" });
    expect(decideFinish(returned({ kind: "failed", message: "no dataset" }), null)).toEqual({
      kind: "finish",
      status: "failed",
      error: "no dataset",
    });
  });

  test("a thrown error fails the run with its message", () => {
    expect(decideFinish(threw(new BackendError("400 from policy backend", { status: 400 })), null)).toEqual({
      kind: "finish",
      status: "failed",
      error: "400 from policy backend",
    });
  });

  test("a lost database connection gives the run back instead of failing it", () => {
    expect(isDatabaseFault(dbFault)).toBe(true);
    expect(decideFinish(threw(dbFault), null)).toEqual({ kind: "release", reason: "database fault" });
  });

  test("a backend's connection failure is the run's failure, not a database fault", () => {
    const backendDown = new BackendError("policy backend unreachable", { code: "ECONNREFUSED" });
    expect(isDatabaseFault(backendDown)).toBe(false);
    expect(decideFinish(threw(backendDown), null)).toMatchObject({ kind: "finish", status: "failed" });
  });

  test("after a hard cancel, whatever went wrong, the run is cancelled; work that completed stays completed", () => {
    const aborted = new RunAbortedError("hard_cancel");
    expect(decideFinish(threw(aborted), "hard_cancel")).toMatchObject({ status: "cancelled" });
    expect(decideFinish(returned({ kind: "failed", message: "aborted" }), "hard_cancel")).toMatchObject({
      status: "cancelled",
    });
    expect(decideFinish(returned({ kind: "paused" }), "hard_cancel")).toMatchObject({ status: "cancelled" });
    expect(decideFinish(returned({ kind: "completed" }), "hard_cancel")).toMatchObject({
      status: "completed",
    });
  });

  test("on shutdown a failure releases the run for another worker; a clean outcome is kept", () => {
    expect(decideFinish(threw(new RunAbortedError("shutdown")), "shutdown")).toEqual({
      kind: "release",
      reason: "shutdown",
    });
    expect(decideFinish(returned({ kind: "paused" }), "shutdown")).toMatchObject({ status: "paused" });
  });

  test("when the lease was lost nothing is written: the new owner decides", () => {
    for (const end of [returned({ kind: "completed" }), threw(new Error("x"))])
      expect(decideFinish(end, "lease_lost")).toEqual({ kind: "abandon" });
  });

  test("an empty failure message still says something", () => {
    expect(decideFinish(threw(new Error("")), null)).toMatchObject({
      error: "the executor failed without a message",
    });
  });
});

describe("describeRunFailure", () => {
  const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

  test("says a unique violation in plain words, without the constraint's name", () => {
    const text = describeRunFailure(
      pgError("23505", 'duplicate key value violates unique constraint "rollouts_run_id_step_key"'),
    );
    expect(text).toMatch(/already stored/);
    expect(text).not.toMatch(/rollouts|constraint|duplicate key/);
  });

  test("names another database refusal by its code only, also through a wrapping error", () => {
    const wrapped = new Error("step failed", {
      cause: pgError("22P02", 'invalid input syntax for type uuid: "x"'),
    });
    expect(describeRunFailure(wrapped)).toBe("the database refused this step's writes (code 22P02)");
  });

  test("keeps other errors' own messages (a backend's reply, a socket code)", () => {
    expect(describeRunFailure(new Error("the model's reply had no answer"))).toBe(
      "the model's reply had no answer",
    );
    expect(describeRunFailure(pgError("EPIPE", "write EPIPE"))).toBe("write EPIPE");
  });
});
