/**
 * Protocol fidelity against the real client: testdata/sdk-0.25.0-hosted.jsonl holds the requests the
 * official Python SDK 0.25.0 sent to our simulated server in hosted mode (JWT and zstd on; recorded by
 * lib/tools/sim-servers/tinker/sdk-capture/record-sdk.ts), and testdata/sdk-0.25.0-proto-fields.json the
 * SDK's protobuf descriptor. Our adapter makes the same calls against the same server; its requests must
 * carry the same JSON keys, the same protobuf fields and the headers that matter. Differences that are
 * ours by design are listed, and the lists are exact: a new difference fails, and so does a fixed one.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";
import { fromBinary, ScalarType, type DescMessage } from "@bufbuild/protobuf";
import { afterAll, beforeAll, expect, test } from "vitest";
import { generateSuite } from "@/lib/espl/simulator";
import type { SimTinkerServer } from "@/lib/tools/sim-servers/tinker/sim-tinker-server";
import { loadChatTokenizer } from "./chat-tokenizer";
import { httpExchange, type HttpExchange } from "./http-exchange";
import { DType, file_tinker_public, ForwardBackwardRequestSchema } from "./proto/tinker-public_pb";
import { decodeForwardBackward, zstdDecompress } from "./proto-wire";
import { startSimTinker } from "./testdata/start-sim-tinker";
import { TINY_CHAT_MODEL, TINY_CHAT_TOKENIZER } from "./testdata/tiny-chat";
import { TinkerClient } from "./tinker-client";
import { TinkerPolicy } from "./tinker-policy";

interface Recorded {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

const TESTDATA = join(import.meta.dirname, "testdata");
const sdk: Recorded[] = readFileSync(join(TESTDATA, "sdk-0.25.0-hosted.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((line) => {
    const r = JSON.parse(line) as Omit<Recorded, "body"> & { body: string };
    return { ...r, body: Buffer.from(r.body, "base64") };
  });
const KEY = "tml-capture-dummy-key";
const suite = generateSuite({ seed: 0 });
const ours: Recorded[] = [];
let server: SimTinkerServer;

const recording: HttpExchange = (url, request) => {
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const body = request.body === undefined ? new Uint8Array() : Buffer.from(request.body);
  ours.push({ method: request.method, path: new URL(url).pathname, headers, body });
  return httpExchange(url, request);
};

beforeAll(async () => {
  server = await startSimTinker([...suite.train, ...suite.test], {
    mode: "hosted",
    hosted: { jwt: true, zstd: true },
    apiKey: KEY,
  });
  const tokenizer = loadChatTokenizer(TINY_CHAT_TOKENIZER);
  const policy = new TinkerPolicy({
    client: new TinkerClient({
      baseUrl: server.url,
      apiKey: KEY,
      backend: "policy backend",
      exchange: recording,
    }),
    tokenizer,
    baseModel: TINY_CHAT_MODEL,
    loraRank: 32,
    seed: 1,
    runId: "sdk-capture",
  });
  // The SDK drive's calls: sample from saved weights, train on the samples, save state, sample the base.
  const problem = suite.train[0]!;
  const request = { problem, prompt: problem.question, n: 2 };
  const params = { temperature: 0.7, topP: 0.95, maxTokens: 256 };
  const [group] = await policy.sample([request], params);
  await policy.train({
    items: group!.map((completion, i) => ({ ...request, completion, advantage: i % 2 === 0 ? 0.4 : -0.4 })),
    learningRate: 4e-5,
    lossFn: "importance_sampling",
  });
  await policy.saveCheckpoint("resume-0");
  await policy.chat([{ role: "user", content: problem.question }], params, { current: false });
}, 60_000);

afterAll(() => server?.close());

const paths = (log: Recorded[]) => [...new Set(log.map((r) => r.path))];
const json = (r: Recorded) => JSON.parse(Buffer.from(r.body).toString("utf8")) as unknown;

/** Every key path of a JSON value ("a.b", arrays as "[]"), so two bodies compare by shape, not values. */
function keyPaths(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return [...new Set(value.flatMap((v) => keyPaths(v, `${prefix}[]`)))];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => {
    // Free-form maps: their keys are data, not protocol.
    const path = prefix ? `${prefix}.${k}` : k;
    return k === "user_metadata" ? [path] : [path, ...keyPaths(v, path)];
  });
}

function shapeOf(path: string, log: Recorded[]): string[] {
  return [...new Set(log.filter((r) => r.path === path).flatMap((r) => keyPaths(json(r))))].sort();
}

test("the SDK's calls and ours hit the same endpoints (the SDK's extras named)", () => {
  const extra = paths(sdk).filter((p) => !paths(ours).includes(p));
  // dynamic_config: run-time flags (sample cancelling, refresh cadence) of no use to a run; a 404 is its default.
  expect(extra).toEqual(["/api/v1/client/dynamic_config"]);
  // Capabilities label the server (the SDK asks only on demand); the heartbeat the SDK sends every 10 s
  // (its drive ended sooner); retrieve_futures is our simulated server's own batched poll, offered by a
  // capability no real server sends (SDK 0.25 has no such call; later SDKs poll it per sampling session
  // when the client config sets sample_use_retrieve_futures, a shape this adapter does not speak).
  expect(paths(ours).filter((p) => !paths(sdk).includes(p))).toEqual([
    "/api/v1/get_server_capabilities",
    "/api/v1/session_heartbeat",
    "/api/v1/retrieve_futures",
  ]);
});

test("JSON bodies carry the SDK's keys", () => {
  const differences: Record<string, { sdkOnly: string[]; oursOnly: string[] }> = {};
  for (const path of paths(sdk)) {
    if (path === "/api/v1/forward_backward" || path === "/api/v1/client/dynamic_config") continue;
    const theirs = shapeOf(path, sdk);
    const mine = shapeOf(path, ours);
    const sdkOnly = theirs.filter((k) => !mine.includes(k));
    const oursOnly = mine.filter((k) => !theirs.includes(k));
    if (sdkOnly.length + oursOnly.length > 0) differences[path] = { sdkOnly, oursOnly };
  }
  expect(differences).toEqual({});
});

/** The (field number, wire type) paths of a protobuf message, nested where the schema nests messages. */
function wireFields(bytes: Uint8Array, nested: Record<string, true>, prefix = ""): string[] {
  const reader = new BinaryReader(bytes);
  const found = new Set<string>();
  while (reader.pos < reader.len) {
    const [number, wireType] = reader.tag();
    const path = `${prefix}${number}`;
    found.add(`${path}/${wireType}`);
    if (wireType === WireType.LengthDelimited && nested[path]) {
      for (const f of wireFields(reader.bytes(), nested, `${path}.`)) found.add(f);
    } else reader.skip(wireType);
  }
  return [...found].sort();
}

// ForwardBackwardRequest: 3 data → Datum {1 model_input → Chunk {1 encoded_text → {1 tokens}},
// 2 loss_fn_inputs entry {1 key, 2 Tensor {1 dense, 3 dtype, 4 shape}}}, 5 loss_fn_config entry.
const FB_NESTING: Record<string, true> = {
  "3": true,
  "3.1": true,
  "3.1.1": true,
  "3.2": true,
  "3.2.2": true,
  "5": true,
};

async function forwardBackwardBytes(r: Recorded): Promise<Uint8Array> {
  expect(r.headers["content-type"]).toBe("application/x-protobuf");
  expect(r.headers["content-encoding"]).toBe("zstd");
  return zstdDecompress(r.body);
}

test("forward_backward goes as the same protobuf message, zstd-compressed as the server asked", async () => {
  const theirs = await forwardBackwardBytes(sdk.find((r) => r.path === "/api/v1/forward_backward")!);
  const mine = await forwardBackwardBytes(ours.find((r) => r.path === "/api/v1/forward_backward")!);
  expect(wireFields(mine, FB_NESTING)).toEqual(wireFields(theirs, FB_NESTING));
  // Our schema reads the SDK's bytes to the same structure it writes: tensors, dtypes and shapes.
  const describe = (bytes: Uint8Array) => {
    const body = decodeForwardBackward(bytes);
    const datum = body.forward_backward_input.data[0]!;
    const raw = fromBinary(ForwardBackwardRequestSchema, bytes).data[0]!;
    return {
      loss_fn: body.forward_backward_input.loss_fn,
      inputs: Object.fromEntries(
        Object.entries(datum.loss_fn_inputs).map(([name, t]) => [
          name,
          {
            dtype: DType[raw.lossFnInputs[name]!.dtype],
            shapeIsLength: t!.shape.length === 1 && t!.shape[0] === t!.data.length,
          },
        ]),
      ),
      tokensMatchTargets:
        datum.model_input.chunks[0]!.tokens.length === datum.loss_fn_inputs.target_tokens!.data.length,
    };
  };
  expect(describe(theirs)).toEqual({
    loss_fn: "importance_sampling",
    inputs: {
      target_tokens: { dtype: "INT64", shapeIsLength: true },
      logprobs: { dtype: "FLOAT32", shapeIsLength: true },
      advantages: { dtype: "FLOAT32", shapeIsLength: true },
    },
    tokensMatchTargets: true,
  });
  expect(describe(mine)).toEqual(describe(theirs));
});

test("headers that matter: the raw key only for the handshake, then the JWT; protobuf asked for where the SDK asks", () => {
  for (const log of [sdk, ours]) {
    const handshake = log.filter((r) => /\/(client\/config|auth\/token)$/.test(r.path));
    expect(handshake.map((r) => r.headers["x-api-key"])).toEqual([KEY, KEY]);
    const after = log.filter((r) => !/\/(client\/config|auth\/token)$/.test(r.path));
    expect(after.every((r) => r.headers["x-api-key"]?.startsWith("eyJ"))).toBe(true);
    expect(after.every((r) => r.headers.authorization === undefined)).toBe(true);
  }
  // Sample and forward_backward results are asked for as protobuf; the SDK never asks for other types so.
  const acceptsProto = (log: Recorded[]) =>
    log.filter(
      (r) => r.path.endsWith("/retrieve_future") && r.headers.accept?.includes("application/x-protobuf"),
    ).length;
  const sdkProtoTypes = new Set(
    sdk
      .filter((r) => r.headers.accept?.includes("x-protobuf"))
      .map((r) => r.headers["x-tinker-request-type"]),
  );
  expect(sdkProtoTypes).toEqual(new Set(["Sample", "ForwardBackward"]));
  expect(acceptsProto(ours)).toBe(count(ours, "/asample") + count(ours, "/forward_backward"));
});

const count = (log: Recorded[], suffix: string) => log.filter((r) => r.path.endsWith(suffix)).length;

/** Our generated schema's fields next to the SDK's descriptor: same numbers, same types. */
test("our .proto declares the SDK's field numbers and types", () => {
  const fields = JSON.parse(readFileSync(join(TESTDATA, "sdk-0.25.0-proto-fields.json"), "utf8")) as {
    messages: Record<string, Record<string, { number: number; type: string; repeated: boolean }>>;
  };
  const typeOf = (f: DescMessage["fields"][number]) =>
    f.fieldKind === "scalar" || (f.fieldKind === "list" && f.listKind === "scalar")
      ? ScalarType[f.scalar!].toLowerCase()
      : f.fieldKind === "enum" || (f.fieldKind === "list" && f.listKind === "enum")
        ? "enum"
        : "message";
  const mismatches: string[] = [];
  for (const message of file_tinker_public.messages)
    for (const field of message.fields) {
      const theirs = fields.messages[message.name]?.[field.name];
      const mine = `${field.number} ${typeOf(field)}${field.fieldKind === "list" || field.fieldKind === "map" ? "[]" : ""}`;
      const expected = theirs ? `${theirs.number} ${theirs.type}${theirs.repeated ? "[]" : ""}` : "absent";
      if (mine !== expected) mismatches.push(`${message.name}.${field.name}: ours ${mine}, SDK ${expected}`);
    }
  // uint32 and int32 share the varint encoding for the sizes these carry; results we never ask for.
  expect(mismatches).toEqual([
    "TopkPromptLogprobs.k: ours 3 int32, SDK 3 uint32",
    "TopkPromptLogprobs.prompt_length: ours 4 int32, SDK 4 uint32",
  ]);
});
