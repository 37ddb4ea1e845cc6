/**
 * HTTP requests per engine step at the reference's default batch (testdata/reference-step.ts), per
 * endpoint, in each mode of the simulated server. Tinker's `asample` takes one prompt (its samples in one
 * request), so a step's floor is one submission and one poll per distinct prompt, plus the update and the
 * saves: any extra poll, resubmission or per-sample request shows up here as a changed count.
 */
import { afterEach, expect, test } from "vitest";
import { getDefaultConfig } from "@/lib/espl/config";
import { generateSuite } from "@/lib/espl/simulator";
import type { SimTinkerServer } from "@/lib/tools/sim-servers/tinker/sim-tinker-server";
import { countReferencePrompts, runReferenceStep } from "./testdata/reference-step";
import { simTinkerConnection, startSimTinker } from "./testdata/start-sim-tinker";
import { tinkerDriver } from "./tinker-driver";

const suite = generateSuite({ seed: 0 });
const PROMPTS = countReferencePrompts(suite);
const KEY = "tml-count";

let server: SimTinkerServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** Requests the server handled during step 1 (step 0 also opens the session and creates the model). */
async function countSecondStep(options: Parameters<typeof startSimTinker>[1]) {
  server = await startSimTinker([...suite.train, ...suite.test], { apiKey: KEY, ...options });
  const run = { runId: "count", seed: 1, config: getDefaultConfig(), problems: suite };
  const policy = tinkerDriver.createPolicy!({ ...simTinkerConnection(server.url), apiKey: KEY }, run);
  await runReferenceStep(policy, suite, 0);
  const before = new Map(server.requests);
  await runReferenceStep(policy, suite, 1);
  const counts: Record<string, number> = {};
  for (const [path, n] of server.requests) {
    const added = n - (before.get(path) ?? 0);
    if (added > 0) counts[path.replace("/api/v1", "")] = added;
  }
  // The heartbeat goes out every 10 s of wall time, not per step: at most one here, left out of the table.
  expect(counts["/session_heartbeat"] ?? 0).toBeLessThanOrEqual(1);
  delete counts["/session_heartbeat"];
  return counts;
}

/** The update and the saves: one submission each, and the sampler on the new weights. */
const UPDATE = {
  "/forward_backward": 1,
  "/optim_step": 1,
  "/save_weights": 1,
  "/save_weights_for_sampler": 1,
  "/create_sampling_session": 1,
};

test.each(["legacy", "skyrl"] as const)(
  "%s: one asample and one poll per prompt, one poll per training future",
  async (mode) => {
    expect(PROMPTS).toBe(60);
    const counts = await countSecondStep({ mode });
    // forward_backward, optim_step and both saves are polled once each.
    expect(counts).toEqual({ "/asample": PROMPTS, "/retrieve_future": PROMPTS + 4, ...UPDATE });
    expect(Object.values(counts).reduce((a, b) => a + b)).toBe(129);
  },
);

test.each([{ zstd: false }, { jwt: true, zstd: true }])(
  "hosted %o: protobuf results fetched in one poll each, JSON results in batched polls",
  async (hosted) => {
    const counts = await countSecondStep({ mode: "hosted", hosted });
    // Sample and forward_backward results are protobuf: asked for at once, one retrieve_future each.
    // optim_step and the two saves are announced metadata-only, then fetched: two batched polls each.
    expect(counts).toEqual({
      "/asample": PROMPTS,
      "/retrieve_future": PROMPTS + 1,
      "/retrieve_futures": 6,
      ...UPDATE,
    });
    expect(Object.values(counts).reduce((a, b) => a + b)).toBe(132);
  },
);
