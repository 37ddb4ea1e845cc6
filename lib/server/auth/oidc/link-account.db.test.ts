/**
 * Which account a single sign-on opens, on a real database: an existing account (with a password) is
 * linked by the provider's verified email; an unverified email is refused; an unknown email gets a new
 * account under the sign-up rules; and another subject for an email already linked at that issuer is
 * refused, while the linked subject keeps signing in. Audit entries name each project's membership.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { oidcClaimsSchema } from "@/lib/domain/auth/sso";
import { signIn } from "@/lib/server/auth/accounts/accounts";
import {
  createInvitationToken,
  createProjectRow,
  createUserRow,
} from "@/lib/server/auth/testing/auth-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { auditOidcSignIn, OidcLinkRefused, resolveOidcAccount } from "./link-account";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const ISSUER = "https://login.example.org";
const closed = {};
const claimsOf = (email: string, sub: string, verified: unknown = true, iss = ISSUER) =>
  oidcClaimsSchema.parse({ iss, sub, email, email_verified: verified, name: "Sso User" });

async function refusalOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OidcLinkRefused);
  return (error as OidcLinkRefused).code;
}

const identitiesOf = (userId: string) =>
  db.prisma.oidcIdentity.findMany({ where: { userId }, select: { issuer: true, subject: true } });

describe("resolveOidcAccount", () => {
  test("an existing account is linked by its verified email, keeps its password, and signs in by subject after", async () => {
    const project = await createProjectRow(db.prisma);
    const user = await createUserRow(db.prisma, [{ projectId: project.id, role: "editor" }], "passphrase1");
    const first = await resolveOidcAccount(
      db.prisma,
      claimsOf(user.email.toUpperCase(), "sub-a"),
      {},
      closed,
    );
    expect(first).toEqual({ userId: user.id, outcome: "linked" });
    expect(await identitiesOf(user.id)).toEqual([{ issuer: ISSUER, subject: "sub-a" }]);
    expect(await resolveOidcAccount(db.prisma, claimsOf(user.email, "sub-a"), {}, closed)).toEqual({
      userId: user.id,
      outcome: "signed_in",
    });
    await expect(
      signIn(db.prisma, { email: user.email, password: "passphrase1" }, "1.2.3.4"),
    ).resolves.toEqual({
      userId: user.id,
    });

    await auditOidcSignIn(db.prisma, user.id, ISSUER, first.outcome);
    const entries = await db.prisma.auditEntry.findMany({
      where: { actorId: user.id, action: "member.signed_in" },
      select: { projectId: true, targetType: true, details: true },
    });
    expect(entries).toEqual([
      {
        projectId: project.id,
        targetType: "membership",
        details: { method: "oidc", issuer: ISSUER, outcome: "linked", userId: user.id },
      },
    ]);
  });

  test("an unverified or missing email is refused, and nothing is linked or created", async () => {
    const user = await createUserRow(db.prisma);
    for (const verified of [false, "true", null])
      expect(
        await refusalOf(resolveOidcAccount(db.prisma, claimsOf(user.email, "sub-u", verified), {}, closed)),
      ).toBe("unverified");
    const newcomer = `new-${randomUUID()}@example.org`;
    expect(
      await refusalOf(
        resolveOidcAccount(db.prisma, claimsOf(newcomer, "sub-n", false), {}, { ALLOW_SIGNUP: "1" }),
      ),
    ).toBe("unverified");
    const noEmail = oidcClaimsSchema.parse({ iss: ISSUER, sub: "sub-e", email_verified: true });
    expect(await refusalOf(resolveOidcAccount(db.prisma, noEmail, {}, closed))).toBe("no_email");
    expect(await identitiesOf(user.id)).toEqual([]);
    expect(await db.prisma.user.count({ where: { email: newcomer } })).toBe(0);
  });

  test("a new verified email gets an account under the sign-up rules", async () => {
    const email = `fresh-${randomUUID()}@example.org`;
    expect(await refusalOf(resolveOidcAccount(db.prisma, claimsOf(email, "sub-f1"), {}, closed))).toBe(
      "no_account",
    );
    expect(await db.prisma.user.count({ where: { email } })).toBe(0);

    const created = await resolveOidcAccount(db.prisma, claimsOf(email, "sub-f1"), {}, { ALLOW_SIGNUP: "1" });
    expect(created.outcome).toBe("created");
    const user = await db.prisma.user.findUniqueOrThrow({
      where: { id: created.userId },
      select: { email: true, name: true, passwordHash: true, memberships: { select: { role: true } } },
    });
    expect(user).toEqual({ email, name: "Sso User", passwordHash: null, memberships: [{ role: "owner" }] });
    expect(await identitiesOf(created.userId)).toEqual([{ issuer: ISSUER, subject: "sub-f1" }]);

    // With an invitation (the sign-in started from its link), sign-up being closed does not matter.
    const project = await createProjectRow(db.prisma);
    const invite = await createInvitationToken(db.prisma, project.id, created.userId, "viewer");
    const invited = await resolveOidcAccount(
      db.prisma,
      claimsOf(`invited-${randomUUID()}@example.org`, "sub-i"),
      { invite },
      closed,
    );
    expect(invited.outcome).toBe("created");
    expect(
      await db.prisma.membership.findMany({
        where: { userId: invited.userId },
        select: { projectId: true, role: true },
      }),
    ).toEqual([{ projectId: project.id, role: "viewer" }]);
  });

  test("a second subject for an email already linked at the issuer is refused; another issuer links its own", async () => {
    const user = await createUserRow(db.prisma);
    await resolveOidcAccount(db.prisma, claimsOf(user.email, "sub-1"), {}, closed);
    expect(await refusalOf(resolveOidcAccount(db.prisma, claimsOf(user.email, "sub-2"), {}, closed))).toBe(
      "other_identity",
    );
    expect(await resolveOidcAccount(db.prisma, claimsOf(user.email, "sub-1"), {}, closed)).toEqual({
      userId: user.id,
      outcome: "signed_in",
    });
    const other = "https://other-idp.example.org";
    expect(
      await resolveOidcAccount(db.prisma, claimsOf(user.email, "sub-2", true, other), {}, closed),
    ).toEqual({
      userId: user.id,
      outcome: "linked",
    });
    expect(await identitiesOf(user.id)).toEqual(
      expect.arrayContaining([
        { issuer: ISSUER, subject: "sub-1" },
        { issuer: other, subject: "sub-2" },
      ]),
    );
  });
});
