/**
 * The adapter against the simulated server standing in for each real one: hosted Tinker as SDK 0.25
 * meets it (client config, JWT, metadata-only replies, batched polls, session messages, 402) and SkyRL's
 * Tinker API (408 long polls, 400 `{detail}`, 409 on a resent save). In every mode a sample → train →
 * save → sample round gives what the in-process simulator gives.
 */
import { afterEach, expect, test, vi } from "vitest";
import { getDefaultConfig } from "@/lib/espl/config";
import type { SampleRequest, TrainItem } from "@/lib/espl/ports";
import { generateSuite, SimPolicy } from "@/lib/espl/simulator";
import type {
  SimTinkerServer,
  SimTinkerServerOptions,
} from "@/lib/tools/sim-servers/tinker/sim-tinker-server";
import { simTinkerConnection, startSimTinker } from "./testdata/start-sim-tinker";
import { TinkerClient } from "./tinker-client";
import { tinkerDriver } from "./tinker-driver";
import type { TinkerPolicy } from "./tinker-policy";
import { z } from "zod";

const suite = generateSuite({ seed: 0, trainSize: 8, testSize: 2 });
const PARAMS = { temperature: 0.7, topP: 0.95, maxTokens: 15000 };
const RUN = { runId: "modes", seed: 5, config: getDefaultConfig(), problems: suite };
const KEY = "tml-modes";

let server: SimTinkerServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function start(options: Partial<SimTinkerServerOptions>, extra: Record<string, string> = {}) {
  server = await startSimTinker([...suite.train, ...suite.test], { apiKey: KEY, ...options });
  const connection = { ...simTinkerConnection(server.url, extra), apiKey: KEY };
  return tinkerDriver.createPolicy!(connection, RUN) as TinkerPolicy;
}

const requests = (): SampleRequest[] =>
  suite.train.slice(0, 4).map((problem) => ({ problem, prompt: problem.question, n: 2 }));
const texts = (samples: Awaited<ReturnType<SimPolicy["sample"]>>) => samples.map((g) => g.map((c) => c.text));
const items = (samples: Awaited<ReturnType<SimPolicy["sample"]>>, reqs: SampleRequest[]): TrainItem[] =>
  samples.flatMap((group, r) =>
    group.map((completion, g) => ({ ...reqs[r]!, completion, advantage: g === 0 ? 0.5 : -0.5 })),
  );

/** Sample, train, save, sample again: remote and in-process must agree throughout. */
async function roundTrip(remote: TinkerPolicy) {
  const local = new SimPolicy({ seed: RUN.seed });
  const reqs = requests();
  const [remoteSamples, localSamples] = [await remote.sample(reqs, PARAMS), await local.sample(reqs, PARAMS)];
  expect(texts(remoteSamples)).toEqual(texts(localSamples));
  const train = { learningRate: 4e-3, lossFn: "importance_sampling" as const };
  const remoteTrain = await remote.train({ ...train, items: items(remoteSamples, reqs) });
  const localTrain = await local.train({ ...train, items: items(localSamples, reqs) });
  // Trained tokens are counted in each side's own tokens (fake in-process, real on the server).
  const { train_tokens: _tokens, ...metrics } = remoteTrain.metrics;
  const { train_tokens: _localTokens, ...localMetrics } = localTrain.metrics;
  expect(metrics).toEqual(localMetrics);
  const ref = await remote.saveCheckpoint("000001");
  expect(ref.backendRef).toMatch(/\/weights\/000001$/);
  const again = requests();
  expect(texts(await remote.sample(again, PARAMS))).toEqual(texts(await local.sample(again, PARAMS)));
  return ref;
}

const count = (path: string) => server!.requests.get(`/api/v1${path}`) ?? 0;

test("hosted: client config, JWT, metadata-only replies and batched polls, same results", async () => {
  const policy = await start({ mode: "hosted", hosted: { jwt: true } });
  await roundTrip(policy);
  expect(server!.hosted!.configRequests).toEqual(["0.25.0"]);
  expect(server!.hosted!.issued).toHaveLength(1);
  // Futures were waited on in batches; a single poll only fetched each protobuf payload, as the SDK does.
  expect(count("/retrieve_futures")).toBeGreaterThan(0);
  expect(count("/retrieve_future")).toBe(count("/asample") + count("/forward_backward"));
  expect(server!.wire).toEqual({
    protobufBodies: count("/forward_backward"),
    zstdBodies: 0,
    protobufResults: count("/retrieve_future"),
  });
  // Each result was announced metadata-only first, as SDK 0.25's service does.
  expect(server!.futures.announcements).toBeGreaterThan(0);
});

test("hosted with zstd: forward_backward bodies go compressed, and training is unchanged", async () => {
  const policy = await start({ mode: "hosted", hosted: { zstd: true } });
  await roundTrip(policy);
  expect(server!.wire.zstdBodies).toBe(count("/forward_backward"));
  expect(server!.wire.zstdBodies).toBeGreaterThan(0);
});

test("SkyRL and legacy servers (no client config) get JSON bodies and results", async () => {
  const policy = await start({ mode: "skyrl" });
  await roundTrip(policy);
  expect(server!.wire).toEqual({ protobufBodies: 0, zstdBodies: 0, protobufResults: 0 });
});

test("hosted: a JWT about to expire is exchanged again before the next request", async () => {
  // Issued for 4 minutes: inside the 5-minute refresh margin from the start.
  const policy = await start({ mode: "hosted", hosted: { jwt: true, jwtTtlS: 240 } });
  await policy.sample(requests().slice(0, 1), PARAMS);
  expect(server!.hosted!.issued.length).toBeGreaterThan(2);
});

test("hosted: session warnings are kept and shown, an error_message refuses the session", async () => {
  const policy = await start({
    mode: "hosted",
    hosted: { sessionMessages: { warning_message: "SDK 0.25 is deprecated; upgrade by March" } },
  });
  await policy.sample(requests().slice(0, 1), PARAMS);
  expect(policy.notices).toEqual(["SDK 0.25 is deprecated; upgrade by March"]);
  server!.hosted!.settings.sessionMessages = {
    error_message: "your organisation has no access to this model",
  };
  const refused = tinkerDriver.createPolicy!(
    { ...simTinkerConnection(server!.url), apiKey: KEY },
    { ...RUN, runId: "refused" },
  );
  await expect(refused.sample(requests().slice(0, 1), PARAMS)).rejects.toThrow(
    "policy backend refused the session: your organisation has no access to this model",
  );
});

test("hosted: 402 pauses the run, which carries on once the account is paid", async () => {
  const policy = await start({ mode: "hosted" });
  (policy as unknown as { client: TinkerClient }).client = new TinkerClient({
    baseUrl: server!.url,
    apiKey: KEY,
    backend: "policy backend",
    billingPauseMs: 5,
  });
  server!.hosted!.settings.billing402 = 3;
  await roundTrip(policy);
  expect(server!.hosted!.settings.billing402).toBe(0);
});

test("SkyRL: polls held past the request timeout and answered 408 are polled again", async () => {
  const policy = await start(
    // The held poll outlasts the request timeout; the timeout is still long enough that a loaded machine's
    // ordinary requests (create_session, submits) finish inside it.
    { mode: "skyrl", longPollMs: 700, faults: { pendingMs: 1_000 } },
    {
      request_timeout_ms: "400",
    },
  );
  await roundTrip(policy);
  expect(count("/retrieve_future")).toBeGreaterThan(count("/asample"));
});

test("SkyRL: a save whose reply was lost is resent, answered 409, and taken as done", async () => {
  const policy = await start({ mode: "skyrl" });
  const reqs = requests();
  await policy.sample(reqs, PARAMS);
  server!.dropNext("/api/v1/save_weights");
  const ref = await policy.saveCheckpoint("000007");
  expect(count("/save_weights")).toBe(2);
  // The weights are really there: a fresh model loads them.
  const fresh = tinkerDriver.createPolicy!(
    { ...simTinkerConnection(server!.url), apiKey: KEY },
    {
      ...RUN,
      runId: "fresh",
    },
  );
  await expect(fresh.loadCheckpoint(JSON.parse(JSON.stringify(ref)))).resolves.toBeUndefined();
});

test("SkyRL: a failed future fails at once with its detail", async () => {
  await start({ mode: "skyrl" });
  const client = new TinkerClient({ baseUrl: server!.url, apiKey: KEY, backend: "policy backend" });
  const session = await client.call("POST", "/create_session", {}, z.looseObject({ session_id: z.string() }));
  const model = await client.submit("/create_model", {
    session_id: session.session_id,
    base_model: "sim/tiny-chat",
    lora_config: { rank: 8 },
  });
  const { request_id } = await client.submit("/forward_backward", {
    model_id: model.model_id,
    seq_id: 1,
    forward_backward_input: {
      loss_fn: "importance_sampling",
      data: [
        {
          model_input: { chunks: [{ type: "encoded_text", tokens: [1, 2, 3] }] },
          loss_fn_inputs: {
            target_tokens: { data: [2] },
            logprobs: { data: [0] },
            advantages: { data: [0] },
          },
        },
      ],
    },
  });
  const before = count("/retrieve_future");
  await expect(client.retrieve(request_id, z.unknown())).rejects.toThrow(
    "policy backend request failed: target_tokens must match the input",
  );
  expect(count("/retrieve_future") - before).toBe(1);
});

test("hosted: the connection check says JWT, batched polls, and shows the server's warning", async () => {
  await start({
    mode: "hosted",
    hosted: { jwt: true, sessionMessages: { warning_message: "maintenance at 02:00 UTC" } },
  });
  const probe = await tinkerDriver.probe({ ...simTinkerConnection(server!.url), apiKey: KEY });
  expect(probe.details).toEqual(
    expect.arrayContaining([
      "Client config: read (presented as SDK 0.25.0)",
      "Auth: a JWT exchanged for the API key at /auth/token, refreshed before it expires",
      "Polling: batched (retrieve_futures)",
      "Wire format: protobuf (application/x-protobuf) for forward_backward and its and sampling's results",
      "Server says: maintenance at 02:00 UTC",
    ]),
  );
  await expect(
    tinkerDriver.probe({ ...simTinkerConnection(server!.url), apiKey: "tml-wrong" }),
  ).rejects.toThrow(/answered 401/);
});

test("hosted: aborting a call waiting in a batched poll ends it at once, not when the poll returns", async () => {
  const policy = await start({ mode: "hosted", longPollMs: 10_000, faults: { pendingMs: 60_000 } });
  const abort = new AbortController();
  const reqs = requests();
  const pending = policy.sample(reqs, PARAMS, abort.signal).catch((e: unknown) => e);
  await vi.waitFor(() => expect(count("/retrieve_futures")).toBeGreaterThan(0), { timeout: 5000 });
  const started = Date.now();
  abort.abort(new Error("run paused"));
  expect(await pending).toMatchObject({ message: "run paused" });
  expect(Date.now() - started).toBeLessThan(2000);
});
