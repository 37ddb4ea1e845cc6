/**
 * The authorization matrix of /api/v1 with API tokens: every route handler under app/api/v1 (found by
 * walking the folder, so a new route without a row fails the suite) is called, through its real wrapper on
 * a real database, as: no credential; viewer, editor and owner tokens of project A; a personal token
 * asking for more than its user's role (it acts with the user's role); a token of project B; a revoked
 * and an expired token of A; and a viewer's browser session (the same rules). Who gets through and who
 * gets 401/403/404 follows from the route's rule, and no refused caller sees anything of run A.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import type { Role } from "@/lib/generated/prisma/enums";
import type { RouteHandler } from "@/lib/server/http/route";
import { createApiTokenRow } from "./testing/api-token-fixtures";
import { createProjectRow, createRunRow, createSessionToken, createUserRow } from "./testing/auth-fixtures";
import { API_V1_ROWS as ROWS, fx, type Rule } from "./testing/api-v1-matrix-rows";
import { callRouteHandler, listRouteHandlers } from "./testing/call-route";

const MARKER = `run-a-${randomBytes(6).toString("hex")}`;

const CALLERS = [
  "anonymous",
  "viewerToken",
  "editorToken",
  "ownerToken",
  "cappedToken",
  "otherProjectToken",
  "revokedToken",
  "expiredToken",
  "viewerSession",
] as const;
type CallerName = (typeof CALLERS)[number];
type Outcome = "through" | 401 | 403 | 404;

/** The role each caller acts with in project A (none: a caller of project B). */
const ROLE_IN_A: Partial<Record<CallerName, Role>> = {
  viewerToken: "viewer",
  editorToken: "editor",
  ownerToken: "owner",
  cappedToken: "viewer",
  viewerSession: "viewer",
};
const REFUSED: CallerName[] = ["anonymous", "revokedToken", "expiredToken"];

let db: TestDatabase;
const credentials: Partial<Record<CallerName, { bearer?: string; cookie?: string }>> = {};

function expectedOutcome(rule: Rule, caller: CallerName, readsA: boolean): Outcome {
  if (rule === "public") return "through";
  if (REFUSED.includes(caller)) return 401;
  const role = ROLE_IN_A[caller];
  if (!role) return readsA ? 404 : "through";
  if (rule === "member") return "through";
  const rank = { viewer: 1, editor: 2, owner: 3 };
  return rank[role] >= rank[rule.role] ? "through" : 403;
}

function sameRule(declared: unknown, rule: Rule): boolean {
  if (typeof rule === "string") return declared === rule;
  return typeof declared === "object" && (declared as { role?: string } | null)?.role === rule.role;
}

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const a = await createProjectRow(db.prisma, "A");
  const b = await createProjectRow(db.prisma, "B");
  fx.projectA = a.id;
  fx.projectSlugA = a.slug;
  const member = async (projectId: string, role: Role) =>
    (await createUserRow(db.prisma, [{ projectId, role }])).id;
  const [viewer, editor, owner, otherOwner] = [
    await member(a.id, "viewer"),
    await member(a.id, "editor"),
    await member(a.id, "owner"),
    await member(b.id, "owner"),
  ];
  const token = async (input: Parameters<typeof createApiTokenRow>[1]) => ({
    bearer: (await createApiTokenRow(db.prisma, input)).token,
  });
  credentials.anonymous = {};
  credentials.viewerToken = await token({ projectId: a.id, userId: viewer, role: "viewer" });
  credentials.editorToken = await token({ projectId: a.id, userId: editor, role: "editor" });
  credentials.ownerToken = await token({ projectId: a.id, userId: owner, role: "owner", kind: "service" });
  credentials.cappedToken = await token({ projectId: a.id, userId: viewer, role: "owner" });
  credentials.otherProjectToken = await token({ projectId: b.id, userId: otherOwner, role: "owner" });
  credentials.revokedToken = await token({
    projectId: a.id,
    userId: owner,
    role: "owner",
    revokedAt: new Date(),
  });
  credentials.expiredToken = await token({
    projectId: a.id,
    userId: owner,
    role: "owner",
    expiresAt: new Date(Date.now() - 1_000),
  });
  credentials.viewerSession = { cookie: `espl.session_token=${await createSessionToken(db.prisma, viewer)}` };

  const runA = await createRunRow(db.prisma, a.id, `run ${MARKER}`);
  fx.runA = runA.id;
  const group = await db.prisma.experiment.create({ data: { projectId: a.id, name: `group ${MARKER}` } });
  fx.groupA = group.id;
  await db.prisma.run.update({ where: { id: runA.id }, data: { experimentId: group.id } });
  fx.evaluationA = (
    await db.prisma.evaluationJob.create({
      data: {
        runId: runA.id,
        projectId: a.id,
        spec: { marker: MARKER },
        seed: 0,
        cellsTotal: 0,
        samplesTotal: 0,
      },
    })
  ).id;
  // Named like run A, so a dataset list that leaked project A would show the marker.
  await db.prisma.dataset.create({ data: { projectId: a.id, name: `dataset ${MARKER}`, source: "upload" } });
  fx.backendA = (
    await db.prisma.modelBackend.create({
      data: { projectId: a.id, name: `backend ${MARKER}`, kind: "sim" },
    })
  ).id;
  await createRunRow(db.prisma, b.id, "run in B");
});
afterAll(() => db?.drop());

async function callAs(key: string, caller: CallerName) {
  const [file, method] = key.split(" ") as [string, string];
  const row = ROWS[key]!;
  return callRouteHandler(file, method, {
    path: row.path(),
    params: row.params?.(),
    body: row.body?.(),
    ...credentials[caller],
  });
}

test("every route handler under /api/v1 has a row here", async () => {
  expect(await listRouteHandlers("app/api/v1")).toEqual(Object.keys(ROWS).sort());
});

describe("every /api/v1 route × every credential", () => {
  for (const [key, row] of Object.entries(ROWS)) {
    test(`${key} declares ${JSON.stringify(row.rule)}, enforces it, and leaks nothing`, async () => {
      const [file, method] = key.split(" ") as [string, string];
      const mod = (await import(/* @vite-ignore */ `@/${file}`)) as Record<string, RouteHandler>;
      expect(sameRule(mod[method]!.access, row.rule)).toBe(true);
      for (const caller of CALLERS) {
        const { status, text } = await callAs(key, caller);
        const outcome = status === 401 || status === 403 || status === 404 ? status : "through";
        expect({ caller, outcome }, text).toEqual({
          caller,
          outcome: expectedOutcome(row.rule, caller, row.readsA),
        });
        if (outcome !== "through") {
          expect(JSON.parse(text)).toMatchObject({
            error: { code: expect.any(String), message: expect.any(String) },
          });
        }
        if (!ROLE_IN_A[caller]) expect(text, `${caller} saw run A`).not.toContain(MARKER);
      }
    });
  }

  test("the rows reach project A: its members read run A's name where others are refused", async () => {
    // Without this, a row that misses run A would pass the leak checks vacuously.
    for (const key of [
      "app/api/v1/runs/route.ts GET",
      "app/api/v1/runs/[runId]/route.ts GET",
      "app/api/v1/runs/[runId]/export/route.ts GET",
      "app/api/v1/groups/[groupId]/route.ts GET",
      "app/api/v1/datasets/route.ts GET",
      "app/api/v1/backends/route.ts GET",
      "app/api/v1/runs/[runId]/lineage/route.ts GET",
    ]) {
      const { status, text } = await callAs(key, "viewerToken");
      expect(status, key).toBe(200);
      expect(text, key).toContain(MARKER);
    }
  });
});
