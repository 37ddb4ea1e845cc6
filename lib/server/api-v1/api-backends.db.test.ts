/**
 * /api/v1/backends on a real database with API tokens: the list shows a project's saved backends with
 * what their last test found in plain words, and never the key (the stored secret is absent from the raw
 * body); the check answers the probe's result object to an editor and refuses a viewer; a backend of
 * another project is not found.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApiTokenRow } from "@/lib/server/auth/testing/api-token-fixtures";
import { createProjectRow, createUserRow } from "@/lib/server/auth/testing/auth-fixtures";
import { callRouteHandler } from "@/lib/server/auth/testing/call-route";
import { createBackendWithSecret } from "@/lib/server/runner/backends/backend-secrets";
import { testBackend } from "@/lib/server/runner/backends/manage-backends";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { backendCheckResultSchema, backendListSchema } from "./api-backends";

const LIST = "app/api/v1/backends/route.ts";
const CHECK = "app/api/v1/backends/[backendId]/check/route.ts";
const SECRET = `sk-${randomBytes(16).toString("hex")}`;

let db: TestDatabase;
let project: { id: string };
let other: { id: string };
let owner: string;
let editor: string;
let viewer: string;
let backendId: string;
let otherBackendId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.ESPL_SECRET_KEY = randomBytes(32).toString("base64");
  project = await createProjectRow(db.prisma, "Backends");
  other = await createProjectRow(db.prisma, "Elsewhere");
  const user = await createUserRow(db.prisma, [{ projectId: project.id, role: "owner" }]);
  owner = user.id;
  const token = async (role: "viewer" | "editor") =>
    (await createApiTokenRow(db.prisma, { projectId: project.id, userId: user.id, role })).token;
  editor = await token("editor");
  viewer = await token("viewer");
  const saved = { kind: "sim" as const, baseUrl: "http://sim.invalid", apiKey: SECRET, actorId: owner };
  backendId = (await createBackendWithSecret(db.prisma, { ...saved, projectId: project.id, name: "keyed" }))
    .id;
  otherBackendId = (
    await createBackendWithSecret(db.prisma, { ...saved, projectId: other.id, name: "theirs" })
  ).id;
});
afterAll(() => db?.drop());

test("the list never holds the key, and says what the last test found in plain words", async () => {
  const before = await callRouteHandler(LIST, "GET", { path: "/api/v1/backends", bearer: viewer });
  expect(before.status, before.text).toBe(200);
  expect(before.text).not.toContain(SECRET);
  expect(backendListSchema.parse(JSON.parse(before.text)).rows).toEqual([
    {
      id: backendId,
      projectId: project.id,
      name: "keyed",
      kind: "sim",
      capabilities: null,
      lastTestedAt: null,
      lastTest: null,
    },
  ]);

  // The dashboard's "Test connection" stores what it found; the list reads it back.
  await testBackend(db.prisma, project.id, owner, backendId);
  const after = await callRouteHandler(LIST, "GET", {
    path: `/api/v1/backends?projectId=${project.id}`,
    bearer: viewer,
  });
  expect(after.text).not.toContain(SECRET);
  const [row] = backendListSchema.parse(JSON.parse(after.text)).rows;
  expect(row).toMatchObject({
    capabilities: { sampling: true, logprobs: false, training: true },
    lastTest: "connected; sampling yes, logprobs no, training yes",
  });
  expect(row!.lastTestedAt).toEqual(expect.any(String));

  const filtered = await callRouteHandler(LIST, "GET", {
    path: `/api/v1/backends?projectId=${other.id}`,
    bearer: viewer,
  });
  expect(JSON.parse(filtered.text)).toEqual({ rows: [] });
});

test("the check answers the probe's result to an editor; a viewer and another project's backend are refused", async () => {
  const call = (bearer: string, id: string) =>
    callRouteHandler(CHECK, "POST", {
      path: `/api/v1/backends/${id}/check`,
      params: { backendId: id },
      body: { projectId: project.id },
      bearer,
    });
  const checked = await call(editor, backendId);
  expect(checked.status, checked.text).toBe(200);
  expect(checked.text).not.toContain(SECRET);
  expect(backendCheckResultSchema.parse(JSON.parse(checked.text))).toEqual({
    found: true,
    kind: "sim",
    result: {
      models: [expect.any(String)],
      capabilities: { sampling: true, logprobs: false, training: true },
    },
  });
  const refused = await call(viewer, backendId);
  expect(refused.status).toBe(403);
  expect(JSON.parse(refused.text).error.message).toBe(
    "this needs the editor role in Backends; you are viewer",
  );
  const elsewhere = await call(editor, otherBackendId);
  expect(elsewhere.status).toBe(404);
  expect(JSON.parse(elsewhere.text).error.message).toBe("model backend not found");
});
