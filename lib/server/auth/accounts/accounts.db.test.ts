/**
 * Accounts on better-auth, on a real database: the first sign-up becomes the owner of the default project
 * (adopting the CLI's runs), later sign-ups need an invitation for their address or ALLOW_SIGNUP=1,
 * passwords set before the move to better-auth still verify, and sign-in is rate-limited per client
 * address in Postgres (another client, as another process would, sees the same limit).
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { createPrismaClient } from "@/lib/server/db/client";
import { AppError } from "@/lib/domain/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { pauseRun } from "@/lib/server/runs/controls";
import { ensureDefaultProject } from "@/lib/server/runs/create-run";
import { hashPassword } from "@/lib/server/auth/password";
import { SESSION_COOKIE } from "@/lib/server/auth/better-auth/session-cookie";
import { SIGN_IN_RATE_LIMIT } from "@/lib/server/auth/better-auth/auth";
import { resolveMember } from "@/lib/server/auth/caller";
import { createRunRow, createInvitationRow } from "@/lib/server/auth/testing/auth-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { listPendingInvitations, revokeInvitation } from "@/lib/server/auth/projects/members";
import type { ActionContext } from "@/lib/server/http/action-context";
import { signIn, signOut, signUp } from "./accounts";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());
afterEach(() => {
  delete process.env.ALLOW_SIGNUP;
});

/** A browser: its cookie jar, from one client address. */
function browser(ip = "10.0.0.1"): ActionContext & { jar: Map<string, string> } {
  const jar = new Map<string, string>();
  return {
    jar,
    headers: new Headers({ host: "studio.test", "x-forwarded-for": ip }),
    cookies: {
      get: (name) => (jar.has(name) ? { value: jar.get(name)! } : undefined),
      set: (name, value) => void jar.set(name, value),
      delete: (name) => void jar.delete(name),
    },
  };
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const signedInUser = async (prisma: PrismaClient, b: ReturnType<typeof browser>) =>
  (await resolveMember(prisma, b.jar.get(SESSION_COOKIE)))?.user.email;

describe("sign-up", () => {
  test("the first visitor owns the default project the CLI already launched into; only one can be first", async () => {
    const project = await ensureDefaultProject(db.prisma);
    const cliRun = await createRunRow(db.prisma, project.id, "from the CLI");
    const [ada, bob] = [browser("10.0.1.1"), browser("10.0.1.2")];
    const attempts = await Promise.allSettled([
      signUp(db.prisma, ada, { email: "ada@example.com", name: "Ada", password: "passphrase1" }),
      signUp(db.prisma, bob, { email: "bob@example.com", name: "Bob", password: "passphrase2" }),
    ]);
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    const rejected = attempts.find((a) => a.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "forbidden", message: expect.stringMatching(/invit/) });
    // The refused visitor left no account behind.
    expect(await db.prisma.user.count()).toBe(1);
    const memberships = await db.prisma.membership.findMany();
    expect(memberships).toHaveLength(1);
    expect(memberships[0]).toMatchObject({ role: "owner", projectId: project.id });
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: cliRun.id } });
    expect(run.projectId).toBe(project.id);
    // The winner is signed in on their browser; the password sits in better-auth's credential account.
    const winner = attempts[0]!.status === "fulfilled" ? ada : bob;
    expect(await signedInUser(db.prisma, winner)).toMatch(/@example.com$/);
    expect(
      await db.prisma.account.count({
        where: { providerId: "credential", password: { startsWith: "scrypt$" } },
      }),
    ).toBe(1);
  });

  test("closed sign-up refuses an address nobody invited, in plain words", async () => {
    const refused = await errorOf(
      signUp(db.prisma, browser(), { email: "stranger@example.com", name: "S", password: "passphrase9" }),
    );
    expect(refused).toMatchObject({ code: "forbidden", message: expect.stringMatching(/by invitation/) });
    expect(await db.prisma.user.findUnique({ where: { email: "stranger@example.com" } })).toBeNull();
  });

  test("an invitation for an address lets it sign up and joins the project with its role, once", async () => {
    const project = await ensureDefaultProject(db.prisma);
    const owner = await db.prisma.membership.findFirstOrThrow({ where: { role: "owner" } });
    const invite = await createInvitationRow(
      db.prisma,
      project.id,
      owner.userId,
      "editor",
      "eve@example.com",
    );
    const eve = browser();
    const { userId, redirectTo } = await signUp(db.prisma, eve, {
      email: "eve@example.com",
      name: "Eve",
      password: "passphrase3",
      invite,
    });
    expect(redirectTo).toBe(`/projects/${project.slug}/settings/members`);
    expect(await db.prisma.membership.findFirst({ where: { userId } })).toMatchObject({ role: "editor" });
    expect(await db.prisma.invitation.findUniqueOrThrow({ where: { id: invite } })).toMatchObject({
      status: "accepted",
    });
    expect(await db.prisma.auditEntry.count({ where: { action: "member.joined", actorId: userId } })).toBe(1);
    // Used: another address cannot sign up on it.
    const again = await errorOf(
      signUp(db.prisma, browser(), {
        email: "mal@example.com",
        name: "Mal",
        password: "passphrase4",
        invite,
      }),
    );
    expect(again.code).toBe("forbidden");
    expect(await db.prisma.user.findUnique({ where: { email: "mal@example.com" } })).toBeNull();
  });

  test("signing up from someone else's invitation link opens the account but not that project", async () => {
    const project = await ensureDefaultProject(db.prisma);
    const owner = await db.prisma.membership.findFirstOrThrow({ where: { role: "owner" } });
    const forAda = await createInvitationRow(
      db.prisma,
      project.id,
      owner.userId,
      "owner",
      "ada2@example.com",
    );
    // Zoe has an invitation of her own (so she may sign up), but opened Ada's link.
    await createInvitationRow(db.prisma, project.id, owner.userId, "viewer", "zoe@example.com");
    const { userId, redirectTo } = await signUp(db.prisma, browser(), {
      email: "zoe@example.com",
      name: "Zoe",
      password: "passphrase7",
      invite: forAda,
    });
    // The invitation's page explains; Ada's invitation is still open, and Zoe holds no role from it.
    expect(redirectTo).toBe(`/invite/${forAda}`);
    expect(await db.prisma.membership.count({ where: { userId } })).toBe(0);
    expect(await db.prisma.invitation.findUniqueOrThrow({ where: { id: forAda } })).toMatchObject({
      status: "pending",
    });
  });

  test("a revoked invitation stops working at once, leaves the open list and is audited", async () => {
    const project = await ensureDefaultProject(db.prisma);
    const owner = await db.prisma.membership.findFirstOrThrow({
      where: { role: "owner" },
      include: { user: true },
    });
    const ownerBrowser = browser();
    await signIn(db.prisma, ownerBrowser, {
      email: owner.user.email,
      password: owner.user.email.startsWith("ada") ? "passphrase1" : "passphrase2",
    });
    const invite = await createInvitationRow(
      db.prisma,
      project.id,
      owner.userId,
      "viewer",
      "late@example.com",
    );
    expect((await listPendingInvitations(db.prisma, project.id)).map((i) => i.email)).toContain(
      "late@example.com",
    );
    const headers = new Headers({ cookie: `${SESSION_COOKIE}=${ownerBrowser.jar.get(SESSION_COOKIE)}` });
    await revokeInvitation(db.prisma, headers, {
      projectId: project.id,
      invitationId: invite,
      actorId: owner.userId,
    });
    expect((await listPendingInvitations(db.prisma, project.id)).map((i) => i.id)).not.toContain(invite);
    const refused = await errorOf(
      signUp(db.prisma, browser(), {
        email: "late@example.com",
        name: "Late",
        password: "passphrase5",
        invite,
      }),
    );
    expect(refused.code).toBe("forbidden");
    const twice = await errorOf(
      revokeInvitation(db.prisma, headers, {
        projectId: project.id,
        invitationId: invite,
        actorId: owner.userId,
      }),
    );
    expect(twice.code).toBe("not_found");
    expect(
      await db.prisma.auditEntry.count({ where: { action: "invitation.revoked", targetId: invite } }),
    ).toBe(1);
  });

  test("ALLOW_SIGNUP=1 opens sign-up with a project of one's own; an email is taken once", async () => {
    process.env.ALLOW_SIGNUP = "1";
    const { userId } = await signUp(db.prisma, browser(), {
      email: "open@example.com",
      name: "Open",
      password: "passphrase5",
    });
    expect(await db.prisma.membership.findFirst({ where: { userId } })).toMatchObject({ role: "owner" });
    const taken = await errorOf(
      signUp(db.prisma, browser(), { email: "open@example.com", name: "X", password: "passphrase6" }),
    );
    expect(taken.code).toBe("conflict");
  });
});

describe("sign-in", () => {
  test("right password in, wrong password and unknown email get the same refusal; sign-out ends the session", async () => {
    const b = browser("10.0.2.1");
    await signIn(db.prisma, b, { email: "open@example.com", password: "passphrase5" });
    expect(await signedInUser(db.prisma, b)).toBe("open@example.com");
    const cookie = b.jar.get(SESSION_COOKIE)!;
    await signOut(db.prisma, b);
    expect(b.jar.has(SESSION_COOKIE)).toBe(false);
    // The row is gone: a copy of the cookie no longer opens anything.
    expect(await resolveMember(db.prisma, cookie)).toBeNull();
    for (const email of ["open@example.com", "nobody@example.com"]) {
      const error = await errorOf(signIn(db.prisma, browser("10.0.2.2"), { email, password: "wrong" }));
      expect(error).toMatchObject({ code: "unauthenticated", message: "wrong email or password" });
    }
  });

  test("an account from before better-auth signs in with its old password hash, unchanged", async () => {
    // What the migration carried over: the old `users.password_hash`, now a credential account.
    const user = await db.prisma.user.create({ data: { email: "old@example.com", name: "Old" } });
    await db.prisma.account.create({
      data: {
        userId: user.id,
        providerId: "credential",
        accountId: user.id,
        password: await hashPassword("from 2025"),
      },
    });
    const b = browser("10.0.3.1");
    await signIn(db.prisma, b, { email: "old@example.com", password: "from 2025" });
    expect(await signedInUser(db.prisma, b)).toBe("old@example.com");
  });

  test("a burst of sign-ins from one address is refused with 429, also through another process's client", async () => {
    const other = createPrismaClient(db.url);
    try {
      for (let i = 0; i < SIGN_IN_RATE_LIMIT.max; i++)
        await errorOf(
          signIn(db.prisma, browser("10.9.9.9"), { email: `probe${i}@example.com`, password: "x" }),
        );
      const limited = await errorOf(
        signIn(other, browser("10.9.9.9"), { email: "open@example.com", password: "passphrase5" }),
      );
      expect(limited).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/try again/) });
      // Another address is not affected.
      await signIn(other, browser("10.9.9.10"), { email: "open@example.com", password: "passphrase5" });
    } finally {
      await other.$disconnect();
    }
  });
});

describe("audit", () => {
  test("a control records its actor in the same transaction; the CLI records the system", async () => {
    const project = await ensureDefaultProject(db.prisma);
    const owner = await db.prisma.membership.findFirstOrThrow({ where: { role: "owner" } });
    const run = await createRunRow(db.prisma, project.id);
    await pauseRun(run.id, { prisma: db.prisma, actorId: owner.userId });
    const refused = await errorOf(pauseRun(run.id, { prisma: db.prisma }));
    expect(refused.code).toBe("conflict");
    const entries = await db.prisma.auditEntry.findMany({ where: { targetId: run.id } });
    // The refused second pause wrote nothing.
    expect(entries.map((e) => [e.action, e.actorId])).toEqual([["run.paused", owner.userId]]);
  });
});
