/**
 * The dashboard's import upload through its route handler, on a real database: a zipped reference run
 * becomes a read-only run of the caller's project; an oversized body is refused with nothing stored.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createProjectRow, createSessionToken, createUserRow } from "@/lib/auth/testing/auth-fixtures";
import { SESSION_COOKIE } from "@/lib/auth/session";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

const FIXTURES = join(process.cwd(), "lib/espl/testdata/reference-runs");
const ORIGIN = "http://studio.test";

let db: TestDatabase;
let project: { id: string; slug: string };
let cookie: string;
let archive: Buffer;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  project = await createProjectRow(db.prisma, "Uploads");
  const user = await createUserRow(db.prisma, [{ projectId: project.id, role: "editor" }]);
  cookie = `${SESSION_COOKIE}=${await createSessionToken(db.prisma, user.id)}`;
  const file = join(mkdtempSync(join(tmpdir(), "espl-upload-test-")), "rl.zip");
  execFileSync("zip", ["-qr", file, "."], { cwd: join(FIXTURES, "rl_seed302") });
  archive = readFileSync(file);
});
afterAll(async () => {
  delete process.env.IMPORT_MAX_BYTES;
  await db?.drop();
});

async function upload(query: string, body: Buffer) {
  const { POST } = await import("@/app/api/imports/route");
  const request = new NextRequest(`${ORIGIN}/api/imports?${query}`, {
    method: "POST",
    headers: { host: "studio.test", origin: ORIGIN, cookie, "content-type": "application/zip" },
    body: new Uint8Array(body),
  });
  const response = await POST(request, { params: Promise.resolve({}) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

test("an uploaded .zip becomes a read-only imported run of the caller's project", async () => {
  const { status, json } = await upload(`project=${project.slug}&format=zip&name=uploaded%20rl`, archive);
  expect(status).toBe(200);
  expect(json).toMatchObject({ created: true, problems: [] });
  const run = await db.prisma.run.findUniqueOrThrow({ where: { id: json.runId as string } });
  expect(run).toMatchObject({ projectId: project.id, source: "imported", name: "uploaded rl" });
  expect(await db.prisma.step.count({ where: { runId: run.id } })).toBe(
    (json.counts as { steps: number }).steps,
  );
  // The same upload again adds nothing.
  const again = await upload(`project=${project.slug}&format=zip`, archive);
  expect(again.json).toMatchObject({ runId: run.id, created: false, stepsAdded: 0 });
});

test("an upload over the size limit is refused and stores nothing", async () => {
  process.env.IMPORT_MAX_BYTES = "1000";
  const before = await db.prisma.run.count();
  const { status, json } = await upload(`project=${project.slug}&format=zip`, archive);
  expect(status).toBe(400);
  expect(JSON.stringify(json)).toMatch(/larger than the limit/);
  expect(await db.prisma.run.count()).toBe(before);
  delete process.env.IMPORT_MAX_BYTES;
});

test("a body that is not the archive it claims to be is a clear 400", async () => {
  const { status, json } = await upload(`project=${project.slug}&format=tar.gz`, Buffer.from("hello"));
  expect(status).toBe(400);
  expect(JSON.stringify(json)).toMatch(/not a valid \.tar\.gz/);
});
