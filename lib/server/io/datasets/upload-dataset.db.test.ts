/**
 * The dataset upload route on a real database: a file far over a server action's 1 MB body limit
 * imports; a body past the stated limit is refused while it streams, saying the limits; a NUL byte is a
 * row error naming the row and field, never a database error.
 */
import { NextRequest } from "next/server";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createProjectRow, createSessionToken, createUserRow } from "@/lib/server/auth/testing/auth-fixtures";
import { SESSION_COOKIE } from "@/lib/server/auth/better-auth/session-cookie";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { MAX_DATASET_BYTES } from "@/lib/domain/datasets/parse-rows";

const ORIGIN = "http://studio.test";

let db: TestDatabase;
let project: { id: string; slug: string };
let cookie: string;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  project = await createProjectRow(db.prisma, "Datasets");
  const user = await createUserRow(db.prisma, [{ projectId: project.id, role: "editor" }]);
  cookie = `${SESSION_COOKIE}=${await createSessionToken(db.prisma, user.id)}`;
});
afterAll(() => db?.drop());

async function upload(name: string, body: BodyInit) {
  const { POST } = await import("@/app/api/datasets/route");
  const query = new URLSearchParams({
    projectId: project.id,
    name,
    format: "jsonl",
    question: "q",
    answer: "a",
  });
  const request = new NextRequest(`${ORIGIN}/api/datasets?${query}`, {
    method: "POST",
    headers: { host: "studio.test", origin: ORIGIN, cookie, "content-type": "text/plain" },
    body,
    duplex: "half",
    // A stream body needs duplex "half" (fetch's rule); NextRequest's init type does not list it.
  } as ConstructorParameters<typeof NextRequest>[1]);
  const response = await POST(request, { params: Promise.resolve({}) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

test("a 3 MB file (over a server action's 1 MB body limit) imports through the route", async () => {
  const rows = Array.from({ length: 20_000 }, (_, i) =>
    JSON.stringify({ q: `${"x".repeat(120)} ${i}`, a: `${i}` }),
  );
  const body = rows.join("\n");
  expect(body.length).toBeGreaterThan(2.5 * 1024 ** 2);
  const { status, json } = await upload("big", body);
  expect({ status, json }).toMatchObject({
    status: 200,
    json: { ok: true, trainCount: 20_000, testCount: 0 },
  });
  expect(await db.prisma.problem.count({ where: { datasetId: json.datasetId as string } })).toBe(20_000);
});

test("a body past the limit is refused while it streams, stating the limits; nothing is stored", async () => {
  let sent = 0;
  const chunk = new Uint8Array(1024 ** 2).fill(0x61);
  // An endless body: only a reader that stops at the limit can answer at all.
  const endless = new ReadableStream<Uint8Array>({
    pull(controller) {
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  const { status, json } = await upload("too-big", endless);
  expect(status).toBe(400);
  expect((json.error as { message: string }).message).toBe(
    "the file is too large: a dataset may have at most 10,000,000 bytes (10 MB), 10,000,000 characters and 100,000 rows",
  );
  expect(sent).toBeLessThan(MAX_DATASET_BYTES + 8 * chunk.length);
  expect(await db.prisma.dataset.count({ where: { name: "too-big" } })).toBe(0);
});

test("a NUL byte in a field is a 400 naming the row and the field", async () => {
  const { status, json } = await upload("nul", '{"q":"1+1","a":"2"}\n{"q":"2+2\\u0000","a":"4"}');
  expect(status).toBe(400);
  expect(json).toMatchObject({
    ok: false,
    rowErrors: [
      {
        line: 2,
        field: "q",
        message: 'the problem (column "q") contains a control character (U+0000 at character 4); remove it',
      },
    ],
  });
});

test("a body that is not UTF-8 text is refused as such", async () => {
  const { status, json } = await upload("binary", new Uint8Array([0xff, 0xfe, 0x00, 0x80]));
  expect(status).toBe(400);
  expect((json.error as { message: string }).message).toBe("the file is not UTF-8 text");
});
