/**
 * The dashboard's import upload through its route handler, on a real database: a zipped reference run
 * becomes a read-only run of the caller's project; an oversized body is refused with nothing stored.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createProjectRow, createSessionToken, createUserRow } from "@/lib/server/auth/testing/auth-fixtures";
import { SESSION_COOKIE } from "@/lib/server/auth/better-auth/session-cookie";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { zerosArchive } from "./testing/zeros-archive";

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

function zipOf(dir: string, members: string[]): Buffer {
  const file = join(mkdtempSync(join(tmpdir(), "espl-upload-test-")), "a.zip");
  execFileSync("zip", ["-qr", file, ...members], { cwd: dir });
  return readFileSync(file);
}

test("every path removes its temporary folders, and no refusal names a server path", async () => {
  const scratch = mkdtempSync(join(tmpdir(), "espl-upload-fixtures-"));
  const bomb = readFileSync(
    await zerosArchive(join(scratch, "bomb.tar.gz"), "data/math/train/x/stats.json", 64 * 1024 ** 2),
  );
  mkdirSync(join(scratch, "logs/tinker-examples/x"), { recursive: true });
  writeFileSync(join(scratch, "logs/tinker-examples/x/config.json"), "{}");
  const noExperiment = zipOf(join(scratch, "logs"), ["tinker-examples"]);
  // Notes beside a run folder are fine (README.md); an archive file among them is not the run's.
  const stray = zipOf(scratch, ["logs", "bomb.tar.gz"]);

  const uploads = mkdtempSync(join(tmpdir(), "espl-tmpdir-"));
  process.env.TMPDIR = uploads;
  try {
    const cases: [string, Buffer, number, RegExp][] = [
      ["zip", archive, 200, /"runId"/],
      ["tar.gz", bomb, 400, /more than 100 times its size/],
      [
        "zip",
        noExperiment,
        400,
        /"message":"the archive is not an experiment folder \(no stats.json or step_N folders, nor data\/<domain>\/train\//,
      ],
      ["zip", stray, 400, /bomb\.tar\.gz\W{0,2} cannot belong to an experiment folder/],
    ];
    for (const [format, body, status, message] of cases) {
      const reply = await upload(`project=${project.slug}&format=${format}`, body);
      expect(reply.status).toBe(status);
      const text = JSON.stringify(reply.json);
      expect(text).toMatch(message);
      expect(text).not.toContain(uploads);
      expect(text).not.toMatch(/espl-(upload|import)-/);
      expect(readdirSync(uploads)).toEqual([]);
    }
  } finally {
    delete process.env.TMPDIR;
  }
});

test("an archive of the run folder's parent (one wrapping folder) imports", async () => {
  const wrapped = zipOf(join(FIXTURES), ["rl_seed302"]);
  const { status, json } = await upload(`project=${project.slug}&format=zip`, wrapped);
  expect(status).toBe(200);
  expect((json.counts as { steps: number }).steps).toBeGreaterThan(0);
  expect(json.problems).toEqual([]);
});
