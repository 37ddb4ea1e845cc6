/**
 * The client's reads over real HTTP (a node:http server answering each path with a canned answer that
 * the API's own zod contract accepts): the request each method sends (GET, path, query string, token,
 * no body), the answer handed back as the server sent it, allRows following cursors to the last page,
 * and a read retried on 503 and given up on 404 with the API's code.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, test } from "vitest";
import {
  datasetPageSchema,
  metricSeriesSchema,
  programPageSchema,
  runLineageSchema,
  stepPageSchema,
} from "@/lib/domain/api-v1/run-data-schemas";
import { allRows, EsplClient, type RunDetail } from "./espl-client";

const RUN = "6f1c2c1e-0000-4000-8000-000000000001";
const TIME = "2026-12-07T09:00:00.000Z";

const stepRow = (step: number) => ({
  step,
  epoch: 0,
  batchIndex: step,
  selectedProgramIds: [0],
  testProgramId: null,
  startedAt: TIME,
  committedAt: TIME,
  metrics: { "testing/Pass@1": step / 10, "rollout/Agg_avg_reward": null },
});

/** Answers by path (query string left out), each checked against the route's contract. */
const ANSWERS: Record<string, unknown> = {
  [`/api/v1/runs/${RUN}`]: {
    id: RUN,
    name: "replayed",
    projectSlug: "p",
    status: "completed",
    control: "none",
    statusDetail: null,
    trainMode: "evolution_rl",
    seed: 0,
    tags: ["imported", "external"],
    currentStep: 4,
    totalSteps: 4,
    bestTestPass1: 0.625,
    bestConservative: null,
    bestProgramId: 3,
    datasetName: null,
    backendName: null,
    error: null,
    createdAt: TIME,
    startedAt: TIME,
    finishedAt: TIME,
  } satisfies RunDetail,
  [`/api/v1/runs/${RUN}/steps`]: stepPageSchema.parse({
    metricKeys: ["testing/Pass@1", "rollout/Agg_avg_reward"],
    rows: [stepRow(0), stepRow(1)],
    nextCursor: null,
  }),
  [`/api/v1/runs/${RUN}/metrics`]: metricSeriesSchema.parse({
    runId: RUN,
    bucketWidth: 2,
    series: { "testing/Pass@1": [{ step: 1, value: 0.1, min: 0, max: 0.1 }] },
  }),
  [`/api/v1/runs/${RUN}/programs`]: programPageSchema.parse({
    rows: [
      {
        programId: 1,
        origin: "mutation",
        birthStep: 0,
        evictedAtStep: null,
        mu: 26.5,
        sigma: 7.9,
        timesSelected: 2,
        principles: [{ id: 1, text: "check the units" }],
        parents: [{ programId: 0, kind: "mutation", order: 0 }],
      },
    ],
    nextCursor: null,
  }),
  [`/api/v1/runs/${RUN}/lineage`]: runLineageSchema.parse({
    runId: RUN,
    runName: "replayed",
    lastStep: 3,
    nodes: [
      {
        id: 0,
        origin: "root",
        birthStep: -1,
        evictedAtStep: null,
        mu: 25,
        sigma: 8.33,
        timesSelected: 1,
        principleCount: 0,
        preview: "",
      },
    ],
    edges: [{ parent: 0, child: 1, kind: "mutation", order: 0 }],
  }),
  "/api/v1/datasets": datasetPageSchema.parse({
    rows: [
      {
        id: "d1",
        name: "math",
        description: "",
        source: "upload",
        projectName: "P",
        projectSlug: "p",
        trainCount: 8,
        testCount: 4,
        builtin: false,
        createdAt: TIME,
      },
    ],
    nextCursor: null,
  }),
};

interface Hit {
  method: string;
  url: string;
  auth: string | undefined;
  body: string;
}

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Serves ANSWERS (404 elsewhere); `answer` may override by request. */
async function serve(answer?: (hit: Hit, hits: Hit[]) => { status: number; body: unknown } | undefined) {
  const hits: Hit[] = [];
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const hit = { method: req.method ?? "", url: req.url ?? "", auth: req.headers.authorization, body };
      hits.push(hit);
      const path = hit.url.split("?")[0]!;
      const chosen =
        answer?.(hit, hits) ??
        (path in ANSWERS
          ? { status: 200, body: ANSWERS[path] }
          : { status: 404, body: { error: { code: "not_found", message: "no such run" } } });
      res.writeHead(chosen.status, { "content-type": "application/json" });
      res.end(JSON.stringify(chosen.body));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  return { client: new EsplClient({ url: `${url}/`, token: "espl_r", backoffMs: 1 }), hits };
}

test("each read sends one GET with the token and its query, and hands back the answer as sent", async () => {
  const { client, hits } = await serve();
  expect(await client.getRun(RUN)).toEqual(ANSWERS[`/api/v1/runs/${RUN}`]);
  expect(
    await client.listSteps(RUN, { keys: ["testing/Pass@1", "rollout/Agg_avg_reward"], limit: 2 }),
  ).toEqual(ANSWERS[`/api/v1/runs/${RUN}/steps`]);
  expect(await client.getMetrics(RUN, { keys: ["testing/Pass@1"], points: 50 })).toEqual(
    ANSWERS[`/api/v1/runs/${RUN}/metrics`],
  );
  expect(await client.listPrograms(RUN, { cursor: "abc" })).toEqual(ANSWERS[`/api/v1/runs/${RUN}/programs`]);
  expect(await client.getLineage(RUN)).toEqual(ANSWERS[`/api/v1/runs/${RUN}/lineage`]);
  expect(await client.listDatasets({ projectId: "p1" })).toEqual(ANSWERS["/api/v1/datasets"]);
  expect(await client.listDatasets()).toEqual(ANSWERS["/api/v1/datasets"]);

  expect(hits.map((h) => h.url)).toEqual([
    `/api/v1/runs/${RUN}`,
    `/api/v1/runs/${RUN}/steps?keys=testing%2FPass%401%2Crollout%2FAgg_avg_reward&limit=2`,
    `/api/v1/runs/${RUN}/metrics?keys=testing%2FPass%401&points=50`,
    `/api/v1/runs/${RUN}/programs?cursor=abc`,
    `/api/v1/runs/${RUN}/lineage`,
    "/api/v1/datasets?projectId=p1",
    "/api/v1/datasets",
  ]);
  // The keys arrive as the route's schema reads them (comma-separated).
  const steps = new URL(hits[1]!.url, "http://x").searchParams.get("keys");
  expect(steps).toBe("testing/Pass@1,rollout/Agg_avg_reward");
  expect(new Set(hits.map((h) => `${h.method} ${h.auth} ${JSON.stringify(h.body)}`))).toEqual(
    new Set(['GET Bearer espl_r ""']),
  );
});

test("allRows follows nextCursor page after page and stops on the last", async () => {
  const pages: Record<string, { rows: unknown[]; nextCursor: string | null }> = {
    "": { rows: [stepRow(0), stepRow(1)], nextCursor: "c1" },
    c1: { rows: [stepRow(2)], nextCursor: "c2" },
    c2: { rows: [], nextCursor: null },
  };
  const { client, hits } = await serve((hit) => {
    const cursor = new URL(hit.url, "http://x").searchParams.get("cursor") ?? "";
    return { status: 200, body: { metricKeys: ["testing/Pass@1"], ...pages[cursor] } };
  });
  const steps: number[] = [];
  for await (const row of allRows((cursor) => client.listSteps(RUN, { cursor, limit: 2 })))
    steps.push(row.step);
  expect(steps).toEqual([0, 1, 2]);
  expect(hits.map((h) => new URL(h.url, "http://x").searchParams.get("cursor"))).toEqual([null, "c1", "c2"]);
});

test("a read is retried on 503 and refused at once on 404, with the API's code", async () => {
  const { client, hits } = await serve((hit, all) =>
    all.length === 1 ? { status: 503, body: { error: { code: "unavailable", message: "busy" } } } : undefined,
  );
  expect((await client.getLineage(RUN)).runName).toBe("replayed");
  expect(hits).toHaveLength(2);
  await expect(client.getRun("missing")).rejects.toMatchObject({
    status: 404,
    code: "not_found",
    message: "no such run",
  });
  expect(hits).toHaveLength(3);
});
