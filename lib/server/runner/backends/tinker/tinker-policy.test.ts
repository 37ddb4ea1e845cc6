/**
 * The Tinker adapter against the simulated Tinker server over real HTTP: the same seed gives exactly
 * what the in-process simulator gives (texts, rewards' inputs, training metrics, the weights after
 * training), and faults (429, 5xx, dropped replies, pending futures) change nothing but the time taken.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getDefaultConfig } from "@/lib/espl/config";
import type { SampleRequest, TrainItem } from "@/lib/espl/ports";
import { generateSuite, SimPolicy } from "@/lib/espl/simulator";
import { withRetry } from "@/lib/server/runner/retry";
import type { SimTinkerServer } from "@/lib/tools/sim-servers/tinker/sim-tinker-server";
import { GENERIC_REPLY } from "@/lib/tools/sim-servers/tinker/sim-trainer";
import { simTinkerConnection, startSimTinker } from "./testdata/start-sim-tinker";
import { tinkerDriver } from "./tinker-driver";

const SEED = 7;
const suite = generateSuite({ seed: 0, trainSize: 12, testSize: 4 });
const PARAMS = { temperature: 0.7, topP: 0.95, maxTokens: 15000 };
const RUN = {
  runId: "run-1",
  seed: SEED,
  config: getDefaultConfig(),
  problems: { train: suite.train, test: suite.test },
};

let server: SimTinkerServer;
beforeAll(async () => {
  server = await startSimTinker([...suite.train, ...suite.test]);
});
afterAll(() => server?.close());

function requests(): SampleRequest[] {
  return suite.train.slice(0, 6).map((problem, i) => ({
    problem,
    prompt:
      i % 2 === 0
        ? problem.question
        : `Please solve the following problem:\n${problem.question}\n\n[G0]. Be careful.`,
    n: 3,
  }));
}

function trainItems(samples: Awaited<ReturnType<SimPolicy["sample"]>>, reqs: SampleRequest[]): TrainItem[] {
  return samples.flatMap((group, r) =>
    group.map((completion, g) => ({
      problem: reqs[r]!.problem,
      prompt: reqs[r]!.prompt,
      completion,
      advantage: g === 0 ? 0.5 : -0.25,
    })),
  );
}

/** What a run uses of a completion (token ids differ: the simulator's are fake, the server's are real). */
const texts = (samples: Awaited<ReturnType<SimPolicy["sample"]>>) => samples.map((g) => g.map((c) => c.text));

async function runBoth(retry = false, connection = simTinkerConnection(server.url)) {
  const local = new SimPolicy({ seed: SEED });
  const remote = tinkerDriver.createPolicy!(connection, {
    ...RUN,
    runId: `run-${Math.random()}`,
  });
  const call = <T>(fn: () => Promise<T>) =>
    retry ? withRetry(fn, { baseDelayMs: 5, maxAttempts: 30 }) : fn();
  const reqs = requests();
  const localSamples = await local.sample(reqs, PARAMS);
  const remoteSamples = await call(() => remote.sample(reqs, PARAMS));
  expect(texts(remoteSamples)).toEqual(texts(localSamples));
  const train = { learningRate: 4e-5, lossFn: "importance_sampling" as const };
  const localTrain = await local.train({ ...train, items: trainItems(localSamples, reqs) });
  const remoteRequest = { ...train, items: trainItems(remoteSamples, reqs) };
  const remoteTrain = await call(() => remote.train(remoteRequest));
  // Both count trained tokens, each in its own tokens (the simulator's fake ones, the server's real ones).
  const { train_tokens: trainTokens, ...remoteMetrics } = remoteTrain.metrics;
  const { train_tokens: _localTokens, ...localMetrics } = localTrain.metrics;
  expect(remoteMetrics).toEqual(localMetrics);
  expect(trainTokens).toBe(
    remoteRequest.items.reduce(
      (n, i) => n + i.completion.promptTokens!.length + i.completion.tokens!.length - 1,
      0,
    ),
  );
  // After the update both sample from the new weights, and again agree.
  const again = requests();
  expect(texts(await call(() => remote.sample(again, PARAMS)))).toEqual(
    texts(await local.sample(again, PARAMS)),
  );
  return { localTrain, remoteSamples };
}

describe("Tinker adapter on the simulated Tinker server", () => {
  test("samples, trains and samples again exactly like the in-process simulator", async () => {
    const { localTrain, remoteSamples } = await runBoth();
    expect(localTrain.metrics["sim/items_used"]).toBeGreaterThan(0);
    const first = remoteSamples[0]![0]!;
    expect(first.tokens!.length).toBe(first.logprobs!.length);
    expect(first.promptTokenCount).toBe(first.promptTokens!.length);
    expect(first.completionTokenCount).toBe(first.tokens!.length);
  });

  test("429s, 5xx, dropped replies and pending futures are retried without doing any work twice", async () => {
    server.faults.update({ rate429: 0.1, rate5xx: 0.1, rateDrop: 0.1, pendingMs: 30, seed: 3 });
    try {
      await runBoth(true);
    } finally {
      server.faults.update({ rate429: 0, rate5xx: 0, rateDrop: 0, pendingMs: 0 });
    }
    expect(server.faults.counts["429"]).toBeGreaterThan(0);
    expect(server.faults.counts["5xx"]).toBeGreaterThan(0);
    expect(server.faults.counts.drop).toBeGreaterThan(0);
  });

  test("replies slower than the request timeout are retried, and the work is still done once", async () => {
    server.faults.update({ rateSlow: 0.15, slowMs: 600, seed: 9 });
    const slowBefore = server.faults.counts.slow;
    try {
      await runBoth(true, simTinkerConnection(server.url, { request_timeout_ms: "300" }));
    } finally {
      server.faults.update({ rateSlow: 0 });
    }
    expect(server.faults.counts.slow).toBeGreaterThan(slowBefore);
  });

  test("runs on it are labelled simulated, because the server says it is", async () => {
    const policy = tinkerDriver.createPolicy!(simTinkerConnection(server.url), { ...RUN, runId: "label" });
    expect(policy.simulated).toBe(false);
    await policy.sample(requests().slice(0, 1), PARAMS);
    expect(policy.simulated).toBe(true);
  });

  test("a checkpoint saved on one model restores its weights on a fresh model", async () => {
    const first = tinkerDriver.createPolicy!(simTinkerConnection(server.url), { ...RUN, runId: "ckpt-a" });
    const local = new SimPolicy({ seed: SEED });
    const reqs = requests();
    const samples = await first.sample(reqs, PARAMS);
    await first.train({ learningRate: 4e-3, lossFn: "ppo", items: trainItems(samples, reqs) });
    await local.train({
      learningRate: 4e-3,
      lossFn: "ppo",
      items: trainItems(await local.sample(reqs, PARAMS), reqs),
    });
    const ref = await first.saveCheckpoint("000001");
    expect(ref.backendRef).toMatch(/^tinker:\/\/.+\/weights\/000001$/);
    const resumed = tinkerDriver.createPolicy!(simTinkerConnection(server.url), { ...RUN, runId: "ckpt-b" });
    await resumed.loadCheckpoint(JSON.parse(JSON.stringify(ref)));
    const after = requests();
    expect(texts(await resumed.sample(after, PARAMS))).toEqual(texts(await local.sample(after, PARAMS)));
  });

  test("probe lists the served models, what a trainer can do, and what it found in plain words", async () => {
    const probe = await tinkerDriver.probe(simTinkerConnection(server.url));
    expect(probe).toMatchObject({
      models: ["sim/tiny-chat"],
      capabilities: { sampling: true, logprobs: true, training: true },
    });
    expect(probe.details).toEqual([
      "Client config: none offered (SkyRL or an older server); the SDK's defaults apply",
      "Auth: no credential (the server asked for none)",
      "Wire format: JSON bodies and results",
      "Polling: one retrieve_future per request",
      "Models: 1 served, including sim/tiny-chat",
      expect.stringMatching(/^Sample: [1-4] token\(s\) from sim\/tiny-chat in \d+ ms: "/),
    ]);
  });

  test("a malformed reply is a BackendError, not a crash", async () => {
    const { createServer } = await import("node:http");
    const bad = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ supported_models: "lots" }));
    });
    await new Promise<void>((resolve) => bad.listen(0, "127.0.0.1", resolve));
    const port = (bad.address() as { port: number }).port;
    try {
      await expect(tinkerDriver.probe(simTinkerConnection(`http://127.0.0.1:${port}`))).rejects.toMatchObject(
        {
          name: "BackendError",
          message: expect.stringContaining("malformed reply"),
        },
      );
    } finally {
      bad.close();
    }
  });

  test("a backend without a tokenizer folder is refused with a clear message", async () => {
    expect(() =>
      tinkerDriver.createPolicy!(simTinkerConnection(server.url, { tokenizer: "/nonexistent" }), RUN),
    ).toThrow(/cannot read \/nonexistent\/tokenizer.json/);
    expect(() =>
      tinkerDriver.createPolicy!({ ...simTinkerConnection(server.url), models: { tokenizer: "/x" } }, RUN),
    ).toThrow(/models.policy/);
  });

  test("as the reflection LLM it samples the base weights, or the run's current ones when asked", async () => {
    const connection = simTinkerConnection(server.url);
    const request = {
      purpose: "mutation.summary",
      messages: [{ role: "user" as const, content: "Summarise." }],
    };
    const reference = tinkerDriver.createReflection!(connection, { ...RUN, runId: "reflect-ref" });
    const before = server.samplerSources.length;
    // The reply carries its tokens, counted with the model's tokenizer.
    await expect(reference(request)).resolves.toEqual({
      text: GENERIC_REPLY,
      usage: expect.objectContaining({
        model: "sim/tiny-chat",
        promptTokens: expect.any(Number),
        completionTokens: expect.any(Number),
      }),
    });
    expect(server.samplerSources.slice(before)).toEqual(["base:sim/tiny-chat"]);

    const current = {
      ...RUN,
      runId: "reflect-cur",
      config: { ...RUN.config, evolution_sample_client: "current" as const },
    };
    const policy = tinkerDriver.createPolicy!(connection, current);
    const chat = tinkerDriver.createReflection!(connection, current);
    await policy.sample(requests().slice(0, 1), PARAMS);
    const opened = server.samplerSources.length;
    await expect(chat(request)).resolves.toMatchObject({ text: GENERIC_REPLY });
    // The step's sampler is reused: no new sampling session, and never the base model's.
    expect(server.samplerSources.length).toBe(opened);
    expect(server.samplerSources.at(-1)).toMatch(/^weights:tinker:\/\/.+\/sampler_weights\/sampler-000001$/);
  });

  test("the server validates requests and says what is wrong", async () => {
    const reply = await fetch(`${server.url}/api/v1/asample`, {
      method: "POST",
      body: JSON.stringify({ sampling_session_id: "x", seq_id: -1 }),
    });
    expect(reply.status).toBe(400);
    expect(await reply.json()).toMatchObject({
      category: "user",
      error: expect.stringContaining("invalid request"),
    });
  });
});
