/**
 * The future-polling rules of the Tinker protocol note, against a scripted HTTP server: each reply kind
 * leads to what the note says, and what a failed request throws is classified by the runner's rules.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { z } from "zod";
import { classifyBackendError } from "@/lib/server/runner/retry";
import { tokenIdArray } from "./protocol";
import { TinkerClient } from "./tinker-client";

interface Scripted {
  status: number;
  body?: unknown;
  /** Hold the reply this long (a long poll outlasting the client's timeout). */
  holdMs?: number;
}

let server: Server;
let url: string;
let script: Scripted[] = [];
let seen: { path: string; body: Record<string, unknown>; key: unknown }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c.toString()));
    req.on("end", () => {
      seen.push({ path: req.url ?? "", body: text ? JSON.parse(text) : {}, key: req.headers["x-api-key"] });
      const next = script.shift() ?? { status: 500, body: { error: "script exhausted" } };
      const reply = () => {
        if (res.destroyed) return;
        res.writeHead(next.status, { "content-type": "application/json" });
        res.end(next.body === undefined ? "" : JSON.stringify(next.body));
      };
      if (next.holdMs) setTimeout(reply, next.holdMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  script = [];
  seen = [];
});

const client = (extra: Partial<ConstructorParameters<typeof TinkerClient>[0]> = {}) =>
  new TinkerClient({
    baseUrl: url,
    apiKey: "tml-test",
    backend: "policy backend",
    retry: { baseDelayMs: 1 },
    ...extra,
  });
const result = z.object({ path: z.string() });

test("try_again, 408 and complete_metadata poll again; the result ends the loop", async () => {
  script = [
    { status: 200, body: { type: "try_again", request_id: "r1", queue_state: "active" } },
    { status: 408 },
    { status: 200, body: { status: "complete_metadata", response_payload_size: 9 } },
    { status: 200, body: { path: "tinker://m/weights/1" } },
  ];
  await expect(client().retrieve("r1", result)).resolves.toEqual({ path: "tinker://m/weights/1" });
  expect(seen.map((s) => s.path)).toEqual(Array(4).fill("/api/v1/retrieve_future"));
  expect(seen.map((s) => s.body.allow_metadata_only)).toEqual([true, true, true, false]);
  expect(seen.every((s) => s.key === "tml-test")).toBe(true);
});

test("410 resubmits the original request and polls the new future", async () => {
  script = [{ status: 410 }, { status: 200, body: { path: "p" } }];
  let resubmits = 0;
  const reply = await client().retrieve("old", result, {
    resubmit: async () => {
      resubmits += 1;
      return "new";
    },
  });
  expect(reply).toEqual({ path: "p" });
  expect(resubmits).toBe(1);
  expect(seen.map((s) => s.body.request_id)).toEqual(["old", "new"]);
});

test("a bare 400 is retried up to three times, a fourth fails with its status", async () => {
  script = [{ status: 400 }, { status: 400 }, { status: 400 }, { status: 200, body: { path: "p" } }];
  await expect(client().retrieve("r", result)).resolves.toEqual({ path: "p" });
  script = Array(4).fill({ status: 400 });
  const error = await client()
    .retrieve("r", result)
    .catch((e: unknown) => e);
  expect(error).toMatchObject({ name: "BackendError", status: 400 });
  expect(classifyBackendError(error)).toBeNull();
});

test("{error, category} fails the request for good", async () => {
  script = [{ status: 200, body: { error: "sequence too long", category: "user" } }];
  const error = await client()
    .retrieve("r", result)
    .catch((e: unknown) => e);
  expect(error).toMatchObject({ message: expect.stringContaining("failed (user): sequence too long") });
  expect(classifyBackendError(error)).toBeNull();
});

test("429 and 5xx are retried per request; one that stays is a transient error for the runner", async () => {
  script = [
    { status: 429, body: { error: "slow down" } },
    { status: 502 },
    { status: 200, body: { path: "p" } },
  ];
  await expect(client().retrieve("r", result)).resolves.toEqual({ path: "p" });
  script = Array(10).fill({ status: 503, body: { error: "down" } });
  const error = await client()
    .retrieve("r", result)
    .catch((e: unknown) => e);
  expect(error).toMatchObject({ status: 503, message: expect.stringContaining("answered 503") });
  expect(classifyBackendError(error)).toBe("503 from policy backend");
  expect(seen).toHaveLength(3 + 4);
});

test("a reply of the wrong shape is a permanent BackendError naming the field", async () => {
  script = [{ status: 200, body: { path: 7 } }];
  const error = await client()
    .retrieve("r", result)
    .catch((e: unknown) => e);
  expect(error).toMatchObject({ name: "BackendError", message: expect.stringContaining("malformed reply") });
  expect((error as Error).message).toContain("path");
  expect(classifyBackendError(error)).toBeNull();
});

test("a refused connection is a transient error", async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const port = (closed.address() as { port: number }).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const refused = new TinkerClient({
    baseUrl: `http://127.0.0.1:${port}`,
    apiKey: null,
    backend: "b",
    retry: { maxAttempts: 1 },
  });
  const error = await refused.call("GET", "/healthz", undefined, z.unknown()).catch((e: unknown) => e);
  expect(classifyBackendError(error)).toBe("ECONNREFUSED from b");
});

test("a poll that outlasts the request timeout (SkyRL holds up to 300 s) is polled again, not failed", async () => {
  script = [
    { status: 200, holdMs: 400, body: { path: "too late" } },
    { status: 200, body: { path: "p" } },
  ];
  await expect(client({ requestTimeoutMs: 100 }).retrieve("r", result)).resolves.toEqual({ path: "p" });
  expect(seen.map((s) => s.body.request_id)).toEqual(["r", "r"]);
});

test("SkyRL's failed future, a 400 with {detail}, fails at once with that detail", async () => {
  script = [{ status: 400, body: { detail: "LoRA rank 1024 exceeds the server's max_lora_rank" } }];
  const error = await client()
    .retrieve("r", result)
    .catch((e: unknown) => e);
  expect(error).toMatchObject({
    name: "BackendError",
    message: "policy backend request failed: LoRA rank 1024 exceeds the server's max_lora_rank",
  });
  expect(classifyBackendError(error)).toBeNull();
  expect(seen).toHaveLength(1);
});

test("402 pauses and retries; one that lasts past the billing pause fails in plain words", async () => {
  script = [{ status: 402 }, { status: 402 }, { status: 200, body: { path: "p" } }];
  await expect(client({ billingPauseMs: 5 }).retrieve("r", result)).resolves.toEqual({ path: "p" });
  expect(seen).toHaveLength(3);
  seen = [];
  script = Array(10).fill({ status: 402, body: { error: "out of credit" } });
  const error = await client({ billingPauseMs: 5, maxBillingPauseMs: 12 })
    .retrieve("r", result)
    .catch((e: unknown) => e);
  expect(error).toMatchObject({ status: 402, message: expect.stringContaining("payment required (402)") });
  expect((error as Error).message).toContain("out of credit");
  expect(seen).toHaveLength(3);
});

test("connect: client config with the presented SDK version, then the JWT in X-API-Key", async () => {
  const payload = Buffer.from(JSON.stringify({ exp: Date.now() / 1000 + 3600 })).toString("base64url");
  const jwt = `e30.${payload}.`;
  script = [
    { status: 200, body: { pjwt_auth_enabled: true, credential_default_source: "api_key" } },
    { status: 200, body: { jwt } },
    { status: 200, body: { supported_models: [{ model_name: "m" }], supports_retrieve_futures: true } },
  ];
  const info = await client().connect();
  expect(info).toMatchObject({ authMode: "jwt", batchedPolls: true, wireFormat: "protobuf" });
  expect(seen.map((s) => [s.path, s.key])).toEqual([
    ["/api/v1/client/config", "tml-test"],
    ["/api/v1/auth/token", "tml-test"],
    ["/api/v1/get_server_capabilities", jwt],
  ]);
  expect(seen[0]!.body).toEqual({ sdk_version: "0.25.0" });
});

test("connect: a server without client config or capabilities (404) gets the defaults", async () => {
  script = [{ status: 404 }, { status: 404 }];
  await expect(client().connect()).resolves.toMatchObject({
    config: null,
    capabilities: null,
    authMode: "api-key",
    batchedPolls: false,
  });
});

test("connect: JWT auth without an API key, or a token that is not a JWT, is a plain-words error", async () => {
  script = [{ status: 200, body: { pjwt_auth_enabled: true, credential_default_source: "credential_cmd" } }];
  await expect(client({ apiKey: null }).connect()).rejects.toThrow(
    /credential from a command .* needs an API key/,
  );
  script = [
    { status: 200, body: { pjwt_auth_enabled: true } },
    { status: 200, body: { jwt: "not-a-jwt" } },
  ];
  await expect(client().connect()).rejects.toThrow(/not a JWT with an expiry/);
});

test("a sample result whose tokens are not token ids is a malformed reply naming the field", async () => {
  const sample = z.looseObject({ sequences: z.array(z.looseObject({ tokens: tokenIdArray })) });
  script = [{ status: 200, body: { sequences: [{ tokens: [1, -2] }] } }];
  const error = await client()
    .retrieve("r", sample)
    .catch((e: unknown) => e);
  expect(error).toMatchObject({
    name: "BackendError",
    message: expect.stringContaining("sequences.0.tokens: expected an array of token ids"),
  });
});
