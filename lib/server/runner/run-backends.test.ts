import { expect, test } from "vitest";
import { getDefaultConfig } from "@/lib/espl/config";
import type { BackendKind } from "@/lib/generated/prisma/enums";
import { createRunBackends, UnsupportedBackendError } from "./run-backends";

const run = {
  runId: "r",
  seed: 1,
  config: getDefaultConfig(),
  problems: { train: [{ index: 0, question: "1+1?", answer: "2" }], test: [] },
};

test("a run with no backends executes on the simulator", () => {
  const backends = createRunBackends({ policy: null, reflection: null }, run);
  expect(backends.policy.simulated).toBe(true);
  expect(typeof backends.reflect).toBe("function");
});

test("a kind without a driver is refused by name, not guessed", () => {
  // A kind stored by a newer version of the product than the worker runs.
  const unknown = {
    id: "b",
    kind: "future_kind" as BackendKind,
    baseUrl: "http://x",
    apiKey: null,
    models: {},
  };
  expect(() => createRunBackends({ policy: unknown, reflection: null }, run)).toThrow(
    UnsupportedBackendError,
  );
  expect(() => createRunBackends({ policy: unknown, reflection: null }, run)).toThrow(/future_kind/);
});
