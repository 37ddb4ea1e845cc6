/**
 * Accounts on a real database: the first sign-up becomes the owner of the default project (adopting the
 * CLI's runs), later sign-ups need an invitation or ALLOW_SIGNUP=1, and sign-in is rate-limited per email
 * and per IP in Postgres (another client, as another process would, sees the same limit).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createPrismaClient } from "@/lib/server/db/client";
import { AppError } from "@/lib/domain/errors";
import { pauseRun } from "@/lib/server/runs/controls";
import { ensureDefaultProject } from "@/lib/server/runs/create-run";
import { createRunRow, createInvitationToken } from "@/lib/server/auth/testing/auth-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { listPendingInvitations, revokeInvitation } from "@/lib/server/auth/projects/members";
import { signIn, signUp } from "./accounts";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const closed = {};

describe("sign-up", () => {
  test("the first visitor owns the default project the CLI already launched into; only one can be first", async () => {
    const project = await ensureDefaultProject(db.prisma);
    const cliRun = await createRunRow(db.prisma, project.id, "from the CLI");
    const attempts = await Promise.allSettled([
      signUp(db.prisma, { email: "ada@example.com", name: "Ada", password: "passphrase1" }, closed),
      signUp(db.prisma, { email: "bob@example.com", name: "Bob", password: "passphrase2" }, closed),
    ]);
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    const rejected = attempts.find((a) => a.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/invitation/),
    });
    const memberships = await db.prisma.membership.findMany({ include: { project: true } });
    expect(memberships).toHaveLength(1);
    expect(memberships[0]).toMatchObject({ role: "owner", projectId: project.id });
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: cliRun.id } });
    expect(run.projectId).toBe(project.id);
  });

  test("an invitation joins its project with its role, once", async () => {
    const project = await ensureDefaultProject(db.prisma);
    const owner = await db.prisma.membership.findFirstOrThrow({ where: { role: "owner" } });
    const invite = await createInvitationToken(db.prisma, project.id, owner.userId, "editor");
    const { userId } = await signUp(
      db.prisma,
      { email: "eve@example.com", name: "Eve", password: "passphrase3", invite },
      closed,
    );
    expect(await db.prisma.membership.findFirst({ where: { userId } })).toMatchObject({ role: "editor" });
    const again = await errorOf(
      signUp(db.prisma, { email: "mal@example.com", name: "Mal", password: "passphrase4", invite }, closed),
    );
    expect(again.code).toBe("not_found");
    expect(await db.prisma.user.findUnique({ where: { email: "mal@example.com" } })).toBeNull();
  });

  test("a revoked invitation stops working at once, leaves the open list and is audited", async () => {
    const project = await ensureDefaultProject(db.prisma);
    const owner = await db.prisma.membership.findFirstOrThrow({ where: { role: "owner" } });
    const invite = await createInvitationToken(db.prisma, project.id, owner.userId, "viewer");
    const open = await listPendingInvitations(db.prisma, project.id);
    const row = open.find((i) => i.role === "viewer");
    expect(row).toBeDefined();
    await revokeInvitation(db.prisma, {
      projectId: project.id,
      invitationId: row!.id,
      actorId: owner.userId,
    });
    expect((await listPendingInvitations(db.prisma, project.id)).map((i) => i.id)).not.toContain(row!.id);
    const refused = await errorOf(
      signUp(db.prisma, { email: "late@example.com", name: "Late", password: "passphrase5", invite }, closed),
    );
    expect(refused.code).toBe("not_found");
    const twice = await errorOf(
      revokeInvitation(db.prisma, { projectId: project.id, invitationId: row!.id, actorId: owner.userId }),
    );
    expect(twice.code).toBe("not_found");
    expect(
      await db.prisma.auditEntry.count({ where: { action: "invitation.revoked", targetId: row!.id } }),
    ).toBe(1);
  });

  test("ALLOW_SIGNUP=1 opens sign-up with a project of one's own; an email is taken once", async () => {
    const { userId } = await signUp(
      db.prisma,
      { email: "open@example.com", name: "Open", password: "passphrase5" },
      { ALLOW_SIGNUP: "1" },
    );
    expect(await db.prisma.membership.findFirst({ where: { userId } })).toMatchObject({ role: "owner" });
    const taken = await errorOf(
      signUp(
        db.prisma,
        { email: "open@example.com", name: "X", password: "passphrase6" },
        { ALLOW_SIGNUP: "1" },
      ),
    );
    expect(taken.code).toBe("conflict");
  });
});

// Which of Ada and Bob became the first owner is a race; the open sign-up above is deterministic.
describe("sign-in", () => {
  test("right password in, wrong password and unknown email get the same refusal", async () => {
    expect(
      await signIn(db.prisma, { email: "open@example.com", password: "passphrase5" }, "10.0.0.1"),
    ).toEqual({
      userId: expect.any(String),
    });
    for (const email of ["open@example.com", "nobody@example.com"]) {
      const error = await errorOf(signIn(db.prisma, { email, password: "wrong" }, "10.0.0.1"));
      expect(error).toMatchObject({ code: "unauthenticated", message: "wrong email or password" });
    }
  });

  test("after 5 failures an email is refused with 429, even with the right password and from another process", async () => {
    const other = createPrismaClient(db.url);
    try {
      for (let i = 0; i < 5; i++)
        await errorOf(signIn(db.prisma, { email: "eve@example.com", password: "nope" }, `10.1.0.${i}`));
      const limited = await errorOf(
        signIn(other, { email: "eve@example.com", password: "passphrase3" }, "10.2.0.1"),
      );
      expect(limited).toMatchObject({
        code: "rate_limited",
        message: expect.stringMatching(/try again in 15 minutes/),
      });
    } finally {
      await other.$disconnect();
    }
  });

  test("one IP failing across many emails is refused too", async () => {
    for (let i = 0; i < 30; i++)
      await errorOf(signIn(db.prisma, { email: `probe${i}@example.com`, password: "x" }, "10.9.9.9"));
    const limited = await errorOf(
      signIn(db.prisma, { email: "open@example.com", password: "passphrase5" }, "10.9.9.9"),
    );
    expect(limited.code).toBe("rate_limited");
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
