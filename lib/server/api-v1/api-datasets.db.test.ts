/**
 * /api/v1/datasets on a real database with API tokens: uploads store every row or none and answer the
 * dataset's id and counts (equal to the problems table), bad rows are a 400 in the one error shape with
 * each row named in plain words, a body past the limit is refused while it streams; the list pages by
 * cursor through exactly the stored datasets of the token's project, newest first.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { datasetPageSchema, datasetUploadedSchema } from "@/lib/domain/api-v1/run-data-schemas";
import { MAX_DATASET_BYTES } from "@/lib/domain/datasets/parse-rows";
import { createApiTokenRow } from "@/lib/server/auth/testing/api-token-fixtures";
import { createProjectRow, createUserRow } from "@/lib/server/auth/testing/auth-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { buildOpenApiDocument } from "./openapi";
import { callApiV1 } from "./testing/call-api-v1";

const FILE = "app/api/v1/datasets/route.ts";

let db: TestDatabase;
let project: { id: string };
let other: { id: string };
let editor: string;
let viewer: string;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  project = await createProjectRow(db.prisma, "Datasets");
  other = await createProjectRow(db.prisma, "Other");
  const user = await createUserRow(db.prisma, [{ projectId: project.id, role: "editor" }]);
  editor = (await createApiTokenRow(db.prisma, { projectId: project.id, userId: user.id, role: "editor" }))
    .token;
  viewer = (await createApiTokenRow(db.prisma, { projectId: project.id, userId: user.id, role: "viewer" }))
    .token;
});
afterAll(() => db?.drop());

function upload(name: string, body: BodyInit, columns = { question: "q", answer: "a", split: "" }) {
  const query = new URLSearchParams({ projectId: project.id, name, format: "jsonl", ...columns });
  return callApiV1(FILE, "POST", { path: `/api/v1/datasets?${query}`, token: editor, body });
}

describe("upload", () => {
  test("stores every row and answers the id and the counts of the stored problems", async () => {
    const rows = [
      { q: "1+1", a: "2", s: "train" },
      { q: "2+2", a: "4", s: "train" },
      { q: "3+3", a: "6", s: "test" },
    ];
    const { status, json } = await upload("arith", rows.map((r) => JSON.stringify(r)).join("\n"), {
      question: "q",
      answer: "a",
      split: "s",
    });
    expect(status, JSON.stringify(json)).toBe(200);
    const uploaded = datasetUploadedSchema.parse(json);
    const problems = await db.prisma.problem.findMany({
      where: { datasetId: uploaded.datasetId },
      orderBy: [{ split: "asc" }, { position: "asc" }],
    });
    expect(problems.map((p) => [p.split, p.question, p.answer])).toEqual(rows.map((r) => [r.s, r.q, r.a]));
    expect(uploaded).toEqual({ datasetId: uploaded.datasetId, trainCount: 2, testCount: 1 });
  });

  test("bad rows are a 400 with the one error shape, each row named in plain words; nothing stored", async () => {
    const { status, json } = await upload(
      "bad",
      '{"q":"1+1","a":"2"}\n{"q":"2+2"}\n{"q":"3+3\\u0000","a":"6"}',
    );
    expect(status).toBe(400);
    expect(json).toEqual({
      error: { code: "bad_request", message: "Some rows are invalid; nothing was imported." },
      rowErrors: [
        { line: 2, field: "a", message: expect.stringMatching(/answer/) },
        {
          line: 3,
          field: "q",
          message: 'the problem (column "q") contains a control character (U+0000 at character 4); remove it',
        },
      ],
    });
    expect(await db.prisma.dataset.count({ where: { name: "bad" } })).toBe(0);
  });

  test("a body past the limit is refused while it streams, stating the limits", async () => {
    let sent = 0;
    const chunk = new Uint8Array(1024 ** 2).fill(0x61);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const { status, json } = await upload("too-big", endless);
    expect(status).toBe(400);
    expect(json.error).toMatchObject({
      code: "bad_request",
      message: expect.stringMatching(/^the file is too large/),
    });
    expect(sent).toBeLessThan(MAX_DATASET_BYTES + 8 * chunk.length);
    expect(await db.prisma.dataset.count({ where: { name: "too-big" } })).toBe(0);
  });

  test("a viewer's token may not upload", async () => {
    const query = new URLSearchParams({
      projectId: project.id,
      name: "v",
      format: "jsonl",
      question: "q",
      answer: "a",
    });
    const { status, json } = await callApiV1(FILE, "POST", {
      path: `/api/v1/datasets?${query}`,
      token: viewer,
      body: '{"q":"1","a":"1"}',
    });
    expect({ status, code: (json.error as { code: string }).code }).toEqual({
      status: 403,
      code: "forbidden",
    });
  });
});

describe("list", () => {
  test("pages by cursor through the project's stored datasets, newest first, as stored", async () => {
    for (let i = 0; i < 5; i++)
      await db.prisma.dataset.create({
        data: { projectId: project.id, name: `listed ${i}`, source: "upload", trainCount: i, testCount: 1 },
      });
    await db.prisma.dataset.create({ data: { projectId: other.id, name: "not yours", source: "upload" } });
    const rows = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { status, json } = await callApiV1(FILE, "GET", {
        path: `/api/v1/datasets?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        token: viewer,
      });
      expect(status, JSON.stringify(json)).toBe(200);
      const page = datasetPageSchema.parse(json);
      rows.push(...page.rows);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    const stored = await db.prisma.dataset.findMany({
      where: { projectId: project.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      include: { project: true },
    });
    expect(stored.length).toBeGreaterThanOrEqual(6);
    expect(pages).toBe(Math.ceil(stored.length / 2));
    expect(rows).toEqual(
      stored.map((d) => ({
        id: d.id,
        name: d.name,
        description: d.description,
        source: d.source,
        projectName: d.project.name,
        projectSlug: d.project.slug,
        trainCount: d.trainCount,
        testCount: d.testCount,
        builtin: false,
        createdAt: d.createdAt.toISOString(),
      })),
    );
  });

  test("another project's id lists nothing; a foreign cursor is a 400", async () => {
    const { json } = await callApiV1(FILE, "GET", {
      path: `/api/v1/datasets?projectId=${other.id}`,
      token: viewer,
    });
    expect(json).toEqual({ rows: [], nextCursor: null });
    const bad = await callApiV1(FILE, "GET", { path: "/api/v1/datasets?cursor=abc", token: viewer });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: "bad_request", fields: { cursor: expect.any(Array) } } });
  });
});

test("the OpenAPI document describes the upload body and the answers from their schemas", () => {
  const paths = buildOpenApiDocument().paths as Record<string, Record<string, Record<string, unknown>>>;
  const post = paths["/api/v1/datasets"]!.post as {
    requestBody: { content: Record<string, unknown> };
    responses: { "200": { content: { "application/json": { schema: { properties: object } } } } };
  };
  expect(Object.keys(post.requestBody.content)).toContain("application/octet-stream");
  expect(Object.keys(post.responses["200"].content["application/json"].schema.properties).sort()).toEqual([
    "datasetId",
    "testCount",
    "trainCount",
  ]);
  for (const path of ["steps", "metrics", "programs", "lineage"]) {
    const get = paths[`/api/v1/runs/{runId}/${path}`]!.get as {
      responses: { "200": { content: { "application/json": { schema?: unknown } } } };
    };
    expect(get.responses["200"].content["application/json"].schema, path).toBeDefined();
  }
});
