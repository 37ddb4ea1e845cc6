/**
 * The future-polling rules of the Tinker protocol note, against a scripted HTTP server: each reply kind
 * leads to what the note says, and what a failed request throws is classified by the runner's rules.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { z } from "zod";
import { classifyBackendError } from "@/lib/runner/retry";
import { TinkerClient } from "./tinker-client";

interface Scripted {
  status: number;
  body?: unknown;
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
      res.writeHead(next.status, { "content-type": "application/json" });
      res.end(next.body === undefined ? "" : JSON.stringify(next.body));
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

const client = () =>
  new TinkerClient({
    baseUrl: url,
    apiKey: "tml-test",
    backend: "policy backend",
    retry: { baseDelayMs: 1 },
  });
const result = z.object({ path: z.string() });

test("try_again, 408 and complete_metadata poll again; the result ends the loop", async () => {
  script = [
    { status: 200, body: { type: "try_again", request_id: "r1", queue_state: "active" } },
    { status: 408 },
    { status: 200, body: { type: "complete_metadata" } },
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
