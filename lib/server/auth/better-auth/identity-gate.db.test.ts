/**
 * The gate better-auth asks before it opens, links or signs in an identity, on a real database: single
 * sign-on only with an email the provider verified, one provider subject per account, and new accounts
 * under the sign-up rules (first owner, an invitation for the address, or ALLOW_SIGNUP=1).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import {
  createInvitationRow,
  createProjectRow,
  createUserRow,
} from "@/lib/server/auth/testing/auth-fixtures";
import { gateIdentity } from "./identity-gate";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const closed = {};
const sso = (action: string, profile: Record<string, unknown>) => ({
  action,
  method: "oauth",
  oauth: { providerId: "oidc", profile },
});

describe("gateIdentity", () => {
  test("the first account of a fresh install is admitted, by password or by a verified single sign-on", async () => {
    expect(
      await gateIdentity(
        db.prisma,
        { user: { email: "a@x.org" }, source: { action: "create-user", method: "email-password" } },
        closed,
      ),
    ).toBeUndefined();
    expect(
      await gateIdentity(
        db.prisma,
        { user: { email: "a@x.org" }, source: sso("create-user", { email_verified: true }) },
        closed,
      ),
    ).toBeUndefined();
  });

  test("single sign-on needs the boolean true for email_verified, on every action, and an email at all", async () => {
    for (const action of ["create-user", "link-account", "sign-in"])
      for (const verified of [false, "true", 1, undefined, null])
        expect(
          await gateIdentity(
            db.prisma,
            { user: { email: "a@x.org" }, source: sso(action, { email_verified: verified }) },
            closed,
          ),
          `${action} ${String(verified)}`,
        ).toEqual({ error: "unverified" });
    expect(
      await gateIdentity(
        db.prisma,
        { user: { email: "" }, source: sso("sign-in", { email_verified: true }) },
        closed,
      ),
    ).toEqual({ error: "no_email" });
  });

  test("after the first account, a new one needs an open invitation for its address or ALLOW_SIGNUP=1", async () => {
    const project = await createProjectRow(db.prisma);
    const owner = await createUserRow(db.prisma, [{ projectId: project.id, role: "owner" }]);
    const newcomer = { email: "new@x.org" };
    expect(
      await gateIdentity(
        db.prisma,
        { user: newcomer, source: { action: "create-user", method: "email-password" } },
        closed,
      ),
    ).toMatchObject({ error: "sign_up_closed", errorDescription: expect.stringMatching(/invit/) });
    expect(
      await gateIdentity(
        db.prisma,
        { user: newcomer, source: sso("create-user", { email_verified: true }) },
        closed,
      ),
    ).toEqual({ error: "no_account" });
    expect(
      await gateIdentity(
        db.prisma,
        { user: newcomer, source: sso("create-user", { email_verified: true }) },
        { ALLOW_SIGNUP: "1" },
      ),
    ).toBeUndefined();
    // An invitation for another address does not open the door; one for this address (any case) does.
    await createInvitationRow(db.prisma, project.id, owner.id, "viewer", "other@x.org");
    expect(
      await gateIdentity(
        db.prisma,
        { user: newcomer, source: { action: "create-user", method: "email-password" } },
        closed,
      ),
    ).toBeDefined();
    await createInvitationRow(db.prisma, project.id, owner.id, "viewer", "new@x.org");
    expect(
      await gateIdentity(
        db.prisma,
        { user: { email: "New@X.org" }, source: { action: "create-user", method: "email-password" } },
        closed,
      ),
    ).toBeUndefined();
  });

  test("an account already linked to a provider subject refuses another subject with the same email", async () => {
    const user = await createUserRow(db.prisma);
    expect(
      await gateIdentity(
        db.prisma,
        { user: { email: user.email }, source: sso("link-account", { email_verified: true }) },
        closed,
      ),
    ).toBeUndefined();
    await db.prisma.account.create({ data: { userId: user.id, providerId: "oidc", accountId: "subject-1" } });
    expect(
      await gateIdentity(
        db.prisma,
        { user: { email: user.email }, source: sso("link-account", { email_verified: true }) },
        closed,
      ),
    ).toEqual({ error: "other_identity" });
    // Signing in with the linked subject is not a link: it passes.
    expect(
      await gateIdentity(
        db.prisma,
        { user: { email: user.email }, source: sso("sign-in", { email_verified: true }) },
        closed,
      ),
    ).toBeUndefined();
  });
});
