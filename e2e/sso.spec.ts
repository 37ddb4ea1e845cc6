/**
 * Single sign-on end to end: a real OpenID Connect provider (oidc-provider, with its development login
 * and consent pages) runs in this test process on the issuer playwright.config.ts gave the server, and a
 * real browser signs in through it. A verified email links the existing account and ends signed in on
 * the dashboard; an unverified email ends back on the sign-in page with the plain message; an invited
 * address with no account yet gets one and accepts the invitation.
 */
import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import Provider from "oidc-provider";
import { SSO_ERROR_MESSAGES } from "@/lib/domain/auth/sso";
import { createProject } from "./auth-helpers";
import { withDb } from "./db";

const issuer = process.env.ESPL_OIDC_ISSUER!;
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;

/** The provider's users, by subject (the login typed on its development login page). */
const accounts = new Map<string, { email: string; email_verified: boolean; name: string }>();
let server: Server;

test.beforeAll(async () => {
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: process.env.ESPL_OIDC_CLIENT_ID!,
        client_secret: process.env.ESPL_OIDC_CLIENT_SECRET!,
        redirect_uris: [`${baseURL}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: () => ({ sub, ...account }) } : undefined;
    },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: [randomUUID()] },
  });
  const port = Number(new URL(issuer).port);
  server = await new Promise<Server>((resolve, reject) => {
    const listening = provider.listen(port, "127.0.0.1", () => resolve(listening));
    listening.on("error", reject);
  });
});

test.afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

/** From the sign-in page, through the provider's login and consent pages and back. */
async function signInAtProvider(page: Page, subject: string) {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Sign in with E2E Identity" }).click();
  await loginAtProvider(page, subject);
}

/** At the provider: its development login and consent pages. */
async function loginAtProvider(page: Page, subject: string) {
  await page.waitForURL((url) => url.origin === issuer);
  await page.locator('input[name="login"]').fill(subject);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

async function createAccount(email: string, name: string) {
  const project = await createProject();
  return withDb(async (db) => {
    const user = await db.query(
      `INSERT INTO users (id, email, name, updated_at) VALUES (gen_random_uuid(), $1, $2, now()) RETURNING id`,
      [email, name],
    );
    const userId = user.rows[0].id as string;
    await db.query(
      `INSERT INTO memberships (id, project_id, user_id, role) VALUES (gen_random_uuid(), $1, $2, 'editor')`,
      [project.id, userId],
    );
    return { userId, projectId: project.id };
  });
}

test("a verified email at the provider signs in to its existing account and lands on the dashboard", async ({
  page,
}) => {
  const subject = `ada-${randomUUID().slice(0, 8)}`;
  const email = `${subject}@sso.example.org`;
  const name = `Ada ${subject.slice(4)}`;
  const { userId, projectId } = await createAccount(email, name);
  accounts.set(subject, { email, email_verified: true, name: "Ada at the provider" });

  await signInAtProvider(page, subject);
  await expect(page).toHaveURL(`${baseURL}/`);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveText(name);

  const stored = await withDb(async (db) => {
    const identities = await db.query(
      `SELECT provider_id, account_id FROM accounts WHERE user_id = $1 AND provider_id = 'oidc'`,
      [userId],
    );
    const audit = await db.query(
      `SELECT project_id, details->>'issuer' AS issuer FROM audit_entries
       WHERE actor_id = $1 AND action = 'member.signed_in'`,
      [userId],
    );
    return { identities: identities.rows, audit: audit.rows };
  });
  expect(stored).toEqual({
    // better-auth's account for the provider, keyed by the subject.
    identities: [{ provider_id: "oidc", account_id: subject }],
    audit: [{ project_id: projectId, issuer }],
  });
});

test("an email the provider has not verified is refused with a plain message, and nobody is signed in", async ({
  page,
}) => {
  const subject = `eve-${randomUUID().slice(0, 8)}`;
  const email = `${subject}@sso.example.org`;
  const { userId } = await createAccount(email, "Eve");
  accounts.set(subject, { email, email_verified: false, name: "Eve" });

  await signInAtProvider(page, subject);
  await expect(page).toHaveURL(/\/sign-in\?sso_error=unverified$/);
  await expect(page.getByTestId("sso-error")).toHaveText(SSO_ERROR_MESSAGES.unverified);
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  const links = await withDb(async (db) => {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM accounts WHERE user_id = $1 AND provider_id = 'oidc'`,
      [userId],
    );
    return rows[0].n as number;
  });
  expect(links).toBe(0);
});

test("an invited address with no account yet signs up through the provider and accepts the invitation", async ({
  page,
}) => {
  const subject = `nia-${randomUUID().slice(0, 8)}`;
  const email = `${subject}@sso.example.org`;
  const project = await createProject();
  const invitationId = await withDb(async (db) => {
    const inviter = await db.query(
      `INSERT INTO users (id, email, name, updated_at) VALUES (gen_random_uuid(), $1, 'Inviter', now()) RETURNING id`,
      [`inviter-${subject}@e2e.test`],
    );
    const invitation = await db.query(
      `INSERT INTO invitations (id, project_id, email, role, status, expires_at, created_by_id)
       VALUES (gen_random_uuid(), $1, $2, 'editor', 'pending', now() + interval '1 day', $3) RETURNING id`,
      [project.id, email, inviter.rows[0].id],
    );
    return invitation.rows[0].id as string;
  });
  accounts.set(subject, { email, email_verified: true, name: "Nia New" });

  await page.goto(`/sign-up?invite=${invitationId}`);
  await page.getByRole("link", { name: "Continue with E2E Identity" }).click();
  await loginAtProvider(page, subject);
  // Back on the invitation, signed in with the new account, which the invitation let in.
  await expect(page).toHaveURL(`${baseURL}/invite/${invitationId}`);
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${project.slug}/settings/members$`));
  await expect(page.getByTestId("signed-in-as")).toHaveText("Nia New");

  const stored = await withDb(async (db) => {
    const { rows } = await db.query(
      `SELECT m.role, a.account_id FROM users u
       JOIN memberships m ON m.user_id = u.id AND m.project_id = $2
       JOIN accounts a ON a.user_id = u.id AND a.provider_id = 'oidc'
       WHERE u.email = $1`,
      [email, project.id],
    );
    return rows;
  });
  expect(stored).toEqual([{ role: "editor", account_id: subject }]);
});
