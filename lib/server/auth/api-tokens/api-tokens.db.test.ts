/**
 * API tokens on a real database: created (shown once, stored hashed, listed by prefix), the rules of who
 * may create, list and revoke which, every use audited, revocation at once; the cursor pages of /api/v1;
 * and the OpenAPI catalogue naming exactly the schemas the routes validate with.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import type { Role } from "@/lib/generated/prisma/enums";
import type { RouteHandler } from "@/lib/server/http/route";
import { API_OPERATIONS } from "@/lib/server/api-v1/catalogue";
import { buildOpenApiDocument } from "@/lib/server/api-v1/openapi";
import { resolveMember, type MemberCaller, type ProjectMembership } from "../caller";
import { hashToken } from "../tokens";
import { createProjectRow, createRunRow, createSessionToken, createUserRow } from "../testing/auth-fixtures";
import { callRouteHandler, listRouteHandlers } from "../testing/call-route";
import { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens";
import { resolveApiToken } from "./resolve-api-token";
import { TokenRateLimiter } from "./token-rate-limit";

let db: TestDatabase;
let project: { id: string; slug: string; name: string };
const people: Partial<Record<Role, { caller: MemberCaller; membership: ProjectMembership }>> = {};

const input = (over: Partial<Parameters<typeof createApiToken>[3]> = {}) => ({
  projectSlug: project.slug,
  name: "ci",
  kind: "personal" as const,
  role: "viewer" as Role,
  expiresInDays: undefined,
  ...over,
});

const me = (token: string) =>
  callRouteHandler("app/api/v1/me/route.ts", "GET", { path: "/api/v1/me", bearer: token });

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  project = await createProjectRow(db.prisma, "Tokens");
  for (const role of ["viewer", "editor", "owner"] as const) {
    const user = await createUserRow(db.prisma, [{ projectId: project.id, role }]);
    const caller = (await resolveMember(db.prisma, await createSessionToken(db.prisma, user.id)))!;
    people[role] = { caller, membership: caller.memberships[0]! };
  }
});
afterAll(() => db?.drop());

describe("creating, listing and revoking", () => {
  test("a token is shown once, stored only as its hash, and listed by prefix", async () => {
    const { caller, membership } = people.editor!;
    const created = await createApiToken(
      db.prisma,
      caller,
      membership,
      input({ name: "laptop", role: "editor" }),
    );
    expect(created.token).toMatch(/^espl_[A-Za-z0-9_-]{43}$/);
    const row = await db.prisma.apiToken.findUniqueOrThrow({ where: { id: created.tokenId } });
    expect(row.tokenHash).toBe(hashToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    const listed = await listApiTokens(db.prisma, caller, membership);
    expect(listed.find((t) => t.id === created.tokenId)).toMatchObject({
      prefix: created.token.slice(0, 12),
    });
    expect(JSON.stringify(listed)).not.toContain(created.token);
  });

  test("a personal token never has more than its creator's role; service tokens are the owners'", async () => {
    const { caller, membership } = people.viewer!;
    await expect(
      createApiToken(db.prisma, caller, membership, input({ role: "editor" })),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      createApiToken(db.prisma, people.editor!.caller, people.editor!.membership, input({ kind: "service" })),
    ).rejects.toMatchObject({ code: "forbidden" });
    const service = await createApiToken(
      db.prisma,
      people.owner!.caller,
      people.owner!.membership,
      input({ kind: "service", role: "editor" }),
    );
    expect(
      (await db.prisma.apiToken.findUniqueOrThrow({ where: { id: service.tokenId } })).userId,
    ).toBeNull();
  });

  test("members list and revoke their own tokens; owners every token of the project", async () => {
    const viewer = people.viewer!;
    const editor = people.editor!;
    const mine = await createApiToken(
      db.prisma,
      viewer.caller,
      viewer.membership,
      input({ name: "viewer's" }),
    );
    const theirs = await createApiToken(
      db.prisma,
      editor.caller,
      editor.membership,
      input({ name: "editor's" }),
    );
    const seen = (await listApiTokens(db.prisma, viewer.caller, viewer.membership)).map((t) => t.id);
    expect(seen).toContain(mine.tokenId);
    expect(seen).not.toContain(theirs.tokenId);
    await expect(
      revokeApiToken(db.prisma, viewer.caller, viewer.membership, theirs.tokenId),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    const ownerSees = (await listApiTokens(db.prisma, people.owner!.caller, people.owner!.membership)).map(
      (t) => t.id,
    );
    expect(ownerSees).toEqual(expect.arrayContaining([mine.tokenId, theirs.tokenId]));
    await revokeApiToken(db.prisma, people.owner!.caller, people.owner!.membership, theirs.tokenId);
    expect((await me(theirs.token)).status).toBe(401);
  });
});

describe("using a token", () => {
  test("every use is audited; revoking refuses the very next request", async () => {
    const { caller, membership } = people.editor!;
    const created = await createApiToken(db.prisma, caller, membership, input({ role: "editor" }));
    for (let i = 0; i < 3; i++) expect((await me(created.token)).status).toBe(200);
    const uses = await db.prisma.auditEntry.findMany({
      where: { action: "token.used", targetId: created.tokenId },
    });
    expect(uses).toHaveLength(3);
    expect(uses[0]!.details).toEqual({ method: "GET", path: "/api/v1/me" });
    const row = await db.prisma.apiToken.findUniqueOrThrow({ where: { id: created.tokenId } });
    expect(row.lastUsedAt).not.toBeNull();
    await revokeApiToken(db.prisma, caller, membership, created.tokenId);
    const refused = await me(created.token);
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.text)).toEqual({
      error: { code: "unauthenticated", message: "the API token is unknown, expired or revoked" },
    });
    const actions = await db.prisma.auditEntry.findMany({
      where: { targetId: created.tokenId },
      select: { action: true },
    });
    expect(actions.map((a) => a.action).sort()).toEqual([
      "token.created",
      "token.revoked",
      "token.used",
      "token.used",
      "token.used",
    ]);
  });

  test("past its rate limit a token is refused with rate_limited, and no use is audited for it", async () => {
    const { caller, membership } = people.viewer!;
    const created = await createApiToken(db.prisma, caller, membership, input());
    const limiter = new TokenRateLimiter({ limit: 2, windowMs: 60_000 });
    const use = { method: "GET", path: "/api/v1/me" };
    for (let i = 0; i < 2; i++)
      expect(await resolveApiToken(db.prisma, created.token, use, limiter)).toMatchObject({ kind: "member" });
    await expect(resolveApiToken(db.prisma, created.token, use, limiter)).rejects.toMatchObject({
      code: "rate_limited",
    });
    expect(
      await db.prisma.auditEntry.count({ where: { action: "token.used", targetId: created.tokenId } }),
    ).toBe(2);
  });

  test("a personal token stops working when its user leaves the project", async () => {
    const user = await createUserRow(db.prisma, [{ projectId: project.id, role: "editor" }]);
    const caller = (await resolveMember(db.prisma, await createSessionToken(db.prisma, user.id)))!;
    const created = await createApiToken(db.prisma, caller, caller.memberships[0]!, input());
    expect((await me(created.token)).status).toBe(200);
    await db.prisma.membership.deleteMany({ where: { userId: user.id } });
    expect((await me(created.token)).status).toBe(401);
  });

  test("a state-changing request with a token needs no Origin header; a cookie without one is refused", async () => {
    const run = await createRunRow(db.prisma, project.id);
    const created = await createApiToken(
      db.prisma,
      people.editor!.caller,
      people.editor!.membership,
      input({ role: "editor" }),
    );
    const control = (call: { bearer?: string; cookie?: string; origin?: string }) =>
      callRouteHandler("app/api/v1/runs/[runId]/control/route.ts", "POST", {
        path: `/api/v1/runs/${run.id}/control`,
        params: { runId: run.id },
        body: { action: "pause" },
        ...call,
      });
    expect((await control({ bearer: created.token })).status).toBe(200);
    const cookie = `espl.session_token=${await createSessionToken(db.prisma, people.editor!.caller.user.id)}`;
    expect((await control({ cookie, origin: "http://evil.example" })).status).toBe(403);
  });
});

describe("cursor pages", () => {
  test("pages of the runs list cover every run once, newest first; a bad cursor is a 400", async () => {
    const other = await createProjectRow(db.prisma, "Paged");
    const user = await createUserRow(db.prisma, [{ projectId: other.id, role: "viewer" }]);
    const caller = (await resolveMember(db.prisma, await createSessionToken(db.prisma, user.id)))!;
    const { token } = await createApiToken(db.prisma, caller, caller.memberships[0]!, {
      ...input(),
      projectSlug: other.slug,
    });
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await createRunRow(db.prisma, other.id, `paged ${i}`)).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const path: string = `/api/v1/runs?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const { status, text } = await callRouteHandler("app/api/v1/runs/route.ts", "GET", {
        path,
        bearer: token,
      });
      expect(status, text).toBe(200);
      const page = JSON.parse(text) as { rows: { id: string }[]; nextCursor: string | null };
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...made].reverse());
    const bad = await callRouteHandler("app/api/v1/runs/route.ts", "GET", {
      path: "/api/v1/runs?cursor=nonsense",
      bearer: token,
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({
      error: { code: "bad_request", fields: { cursor: expect.any(Array) } },
    });
  });
});

describe("the OpenAPI document", () => {
  test("describes every /api/v1 route with the very schemas the route validates with", async () => {
    const handlers = await listRouteHandlers("app/api/v1");
    expect(API_OPERATIONS.map((op) => `${op.file} ${op.method}`).sort()).toEqual(handlers);
    for (const op of API_OPERATIONS) {
      const mod = (await import(/* @vite-ignore */ `@/${op.file}`)) as Record<string, RouteHandler>;
      expect(mod[op.method]!.query, `${op.operationId} query`).toBe(op.query);
      expect(mod[op.method]!.body, `${op.operationId} body`).toBe(op.body);
    }
    const document = buildOpenApiDocument();
    const control = document.paths["/api/v1/runs/{runId}/control"]!.post as {
      requestBody: {
        content: { "application/json": { schema: { properties: { action: { enum: string[] } } } } };
      };
    };
    expect(control.requestBody.content["application/json"].schema.properties.action.enum).toEqual([
      "pause",
      "resume",
      "cancel",
      "hard_cancel",
    ]);
  });
});
