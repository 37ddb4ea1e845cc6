/**
 * The lineage and ratings route handlers through their real wrapper on a real database: valid input
 * answers with summaries, bad input is a 400 naming the field, a frozen share link sees its step only.
 */
import { NextRequest } from "next/server";
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  createProjectRow,
  createRunRow,
  createSessionToken,
  createShareToken,
  createUserRow,
} from "@/lib/server/auth/testing/auth-fixtures";
import type { RouteHandler } from "@/lib/server/http/route";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";

let db: TestDatabase;
let runId: string;
let cookie: string;
let frozenToken: string;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const project = await createProjectRow(db.prisma);
  const user = await createUserRow(db.prisma, [{ projectId: project.id, role: "viewer" }]);
  cookie = `espl.session_token=${await createSessionToken(db.prisma, user.id)}`;
  runId = (await createRunRow(db.prisma, project.id)).id;
  await db.prisma.program.createMany({
    data: [
      { runId, programId: 0, principles: [], origin: "root", birthStep: -1, mu: 25, sigma: 8 },
      {
        runId,
        programId: 1,
        principles: [{ id: 1, text: "Check units" }],
        origin: "mutation",
        birthStep: 4,
        mu: 27,
        sigma: 6,
      },
    ],
  });
  frozenToken = (
    await createShareToken(db.prisma, { projectId: project.id, runIds: [runId], frozenAtStep: 2 })
  ).token;
});

afterAll(async () => {
  await db?.drop();
});

async function get(
  file: string,
  path: string,
  params: Record<string, string>,
  auth: { cookie?: string; share?: string } = { cookie },
) {
  const mod = (await import(/* @vite-ignore */ `@/${file}`)) as Record<string, RouteHandler>;
  const headers = new Headers({ host: "studio.test" });
  if (auth.cookie) headers.set("cookie", auth.cookie);
  if (auth.share) headers.set("x-share-token", auth.share);
  const res = await mod.GET!(new NextRequest(`http://studio.test${path}`, { headers }), {
    params: Promise.resolve(params),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

test("the graph route answers with summaries; a frozen share link sees only what existed at its step", async () => {
  const member = await get("app/api/runs/[runId]/lineage/route.ts", "/api/runs/x/lineage", { runId });
  expect(member.status).toBe(200);
  expect((member.body.nodes as { id: number }[]).map((n) => n.id)).toEqual([0, 1]);
  const shared = await get(
    "app/api/runs/[runId]/lineage/route.ts",
    "/api/runs/x/lineage",
    { runId },
    { share: frozenToken },
  );
  expect((shared.body.nodes as { id: number }[]).map((n) => n.id)).toEqual([0]);
});

test("a node id that is not a non-negative integer is a 400; a missing one a 404", async () => {
  const file = "app/api/runs/[runId]/lineage/[programId]/route.ts";
  const bad = await get(file, "/api/runs/x/lineage/abc", { runId, programId: "abc" });
  expect(bad.status).toBe(400);
  expect(bad.body).toMatchObject({ error: { code: "bad_request" } });
  expect((await get(file, "/api/runs/x/lineage/-1", { runId, programId: "-1" })).status).toBe(400);
  expect((await get(file, "/api/runs/x/lineage/7", { runId, programId: "7" })).status).toBe(404);
  const ok = await get(file, "/api/runs/x/lineage/1", { runId, programId: "1" });
  expect(ok.body).toMatchObject({ id: 1, principles: [{ id: 1, text: "Check units" }], parents: [] });
});

test("search needs text; ratings refuse malformed program lists and inverted windows", async () => {
  const search = "app/api/runs/[runId]/lineage/search/route.ts";
  expect((await get(search, "/api/runs/x/lineage/search?q=%20", { runId })).status).toBe(400);
  expect((await get(search, "/api/runs/x/lineage/search?q=UNITS", { runId })).body).toEqual({ ids: [1] });
  const ratings = "app/api/runs/[runId]/ratings/route.ts";
  const bad = await get(ratings, "/api/runs/x/ratings?programs=1,x", { runId });
  expect(bad.status).toBe(400);
  expect(bad.body).toMatchObject({ error: { fields: { programs: expect.any(Array) } } });
  expect((await get(ratings, "/api/runs/x/ratings?from=5&to=1", { runId })).status).toBe(400);
  const ok = await get(ratings, "/api/runs/x/ratings?programs=1,0", { runId });
  expect(ok.status).toBe(200);
  expect(ok.body.chosen).toEqual([1, 0]);
});

test("the replay route needs a step; a frozen share link replays no later than its step", async () => {
  const replay = "app/api/runs/[runId]/ratings/replay/route.ts";
  const missing = await get(replay, "/api/runs/x/ratings/replay", { runId });
  expect(missing.status).toBe(400);
  expect(missing.body).toMatchObject({ error: { fields: { step: expect.any(Array) } } });
  expect((await get(replay, "/api/runs/x/ratings/replay?step=-2", { runId })).status).toBe(400);
  const member = await get(replay, "/api/runs/x/ratings/replay?step=9", { runId });
  expect(member.status).toBe(200);
  expect((member.body.programs as { id: number }[]).map((p) => p.id)).toEqual([0, 1]);
  const shared = await get(replay, "/api/runs/x/ratings/replay?step=9", { runId }, { share: frozenToken });
  expect(shared.body).toMatchObject({ step: 2, programs: [{ id: 0, mu: 25, sigma: 8 }] });
});
