/**
 * The client's retries over real HTTP (a node:http server answering as told): steps are retried on 429 and
 * 5xx until they go through, a 429's Retry-After is honoured, a creation is not retried after a 500 (it
 * may have been served), and a refusal comes back with the API's status and code.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, test } from "vitest";
import { EsplApiError, EsplClient } from "./espl-client";

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server answering the listed statuses in turn (the last one from then on); returns its url and hits. */
async function serve(statuses: number[], headers: Record<string, string> = {}) {
  const hits: { path: string; auth: string | undefined; body: string }[] = [];
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      hits.push({ path: req.url ?? "", auth: req.headers.authorization, body });
      const status = statuses[Math.min(hits.length, statuses.length) - 1]!;
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(
        JSON.stringify(
          status < 300
            ? { step: 3, outcome: "written", notes: [] }
            : { error: { code: status === 429 ? "rate_limited" : "forbidden", message: `said ${status}` } },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, hits };
}

const STEP = { step: 3, selectedProgramIds: [], poolBefore: [], rollouts: [] } as never;

test("a step is retried on 503 and 429 until it goes through, with the token and the same body", async () => {
  const { url, hits } = await serve([503, 429, 200], { "retry-after": "0" });
  const client = new EsplClient({ url, token: "espl_t", backoffMs: 1 });
  expect(await client.logStep("r1", STEP)).toEqual({ step: 3, outcome: "written", notes: [] });
  expect(hits.map((h) => h.path)).toEqual(Array(3).fill("/api/v1/external-runs/r1/steps"));
  expect(new Set(hits.map((h) => h.auth))).toEqual(new Set(["Bearer espl_t"]));
  expect(new Set(hits.map((h) => h.body)).size).toBe(1);
});

test("retries stop after maxAttempts, with the last answer's status and code", async () => {
  const { url, hits } = await serve([429], { "retry-after": "0" });
  const client = new EsplClient({ url, token: "t", maxAttempts: 3, backoffMs: 1 });
  await expect(client.logStep("r1", STEP)).rejects.toMatchObject({ status: 429, code: "rate_limited" });
  expect(hits).toHaveLength(3);
});

test("a creation is not retried after a 500, and a 403 is not retried at all", async () => {
  const failing = await serve([500, 200]);
  const client = new EsplClient({ url: failing.url, token: "t", backoffMs: 1 });
  await expect(
    client.createRun({ projectId: "p", name: "n", totalSteps: 1 } as never),
  ).rejects.toBeInstanceOf(EsplApiError);
  expect(failing.hits).toHaveLength(1);
  await new Promise<void>((resolve) => server!.close(() => resolve()));
  const refusing = await serve([403, 200]);
  const second = new EsplClient({ url: refusing.url, token: "t", backoffMs: 1 });
  await expect(second.finish("r1")).rejects.toMatchObject({
    status: 403,
    code: "forbidden",
    message: "said 403",
  });
  expect(refusing.hits).toHaveLength(1);
});
