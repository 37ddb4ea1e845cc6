/**
 * The move to better-auth on a database that has lived before it: accounts made by the hand-written sign-in
 * (a password hash on the user, a single sign-on identity) come through the migration and keep working;
 * old sessions and link invitations are closed, as the migration says.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { applyMigrations, listMigrations, MIGRATIONS_DIR } from "@/lib/server/db/migrate";
import { hashPassword } from "@/lib/server/auth/password";
import { SESSION_COOKIE } from "@/lib/server/auth/better-auth/session-cookie";
import { resolveMember } from "@/lib/server/auth/caller";
import { signIn } from "@/lib/server/auth/accounts/accounts";
import type { ActionContext } from "@/lib/server/http/action-context";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";

const MOVE = "20261210090000_better_auth";

let db: TestDatabase;
let before: string;

beforeAll(async () => {
  db = await createTestDatabase({ empty: true });
  // The migrations as they were before the move.
  before = mkdtempSync(join(tmpdir(), "espl-migrations-"));
  for (const name of listMigrations().filter((n) => n < MOVE))
    cpSync(join(MIGRATIONS_DIR, name), join(before, name), { recursive: true });
});
afterAll(async () => {
  rmSync(before, { recursive: true, force: true });
  await db.drop();
});

test("old password and single sign-on accounts work after the migration; old sessions and links do not", async () => {
  await applyMigrations(db.url, before);
  const oldHash = await hashPassword("from before");
  await db.pool.query(
    `INSERT INTO users (id, email, name, password_hash, updated_at) VALUES
       ('00000000-0000-4000-8000-000000000001', 'pw@old.example', 'Pw', $1, now()),
       ('00000000-0000-4000-8000-000000000002', 'sso@old.example', 'Sso', NULL, now())`,
    [oldHash],
  );
  await db.pool.query(
    `INSERT INTO oidc_identities (id, user_id, issuer, subject)
     VALUES (gen_random_uuid(), '00000000-0000-4000-8000-000000000002', 'https://idp.example', 'subject-7')`,
  );
  await db.pool.query(
    `INSERT INTO projects (id, name, slug, updated_at) VALUES ('00000000-0000-4000-8000-0000000000aa', 'P', 'p', now())`,
  );
  await db.pool.query(
    `INSERT INTO sessions (id, user_id, token_hash, expires_at)
     VALUES (gen_random_uuid(), '00000000-0000-4000-8000-000000000001', 'old-hash', now() + interval '1 day')`,
  );
  await db.pool.query(
    `INSERT INTO invitations (id, project_id, role, token_hash, expires_at, created_by_id, accepted_at)
     VALUES (gen_random_uuid(), '00000000-0000-4000-8000-0000000000aa', 'viewer', 'open-link', now() + interval '1 day',
             '00000000-0000-4000-8000-000000000001', NULL),
            (gen_random_uuid(), '00000000-0000-4000-8000-0000000000aa', 'editor', 'used-link', now() + interval '1 day',
             '00000000-0000-4000-8000-000000000001', now())`,
  );

  const { applied } = await applyMigrations(db.url);
  expect(applied).toContain(MOVE);

  const accounts = await db.pool.query(
    `SELECT u.email, a.provider_id, a.account_id, a.password FROM accounts a JOIN users u ON u.id = a.user_id ORDER BY u.email`,
  );
  expect(accounts.rows).toEqual([
    {
      email: "pw@old.example",
      provider_id: "credential",
      account_id: "00000000-0000-4000-8000-000000000001",
      password: oldHash,
    },
    { email: "sso@old.example", provider_id: "oidc", account_id: "subject-7", password: null },
  ]);
  const verified = await db.pool.query(`SELECT email, email_verified FROM users ORDER BY email`);
  expect(verified.rows).toEqual([
    { email: "pw@old.example", email_verified: false },
    { email: "sso@old.example", email_verified: true },
  ]);
  expect((await db.pool.query(`SELECT count(*)::int AS n FROM sessions`)).rows[0].n).toBe(0);
  const invitations = await db.pool.query(`SELECT role, status FROM invitations ORDER BY role`);
  expect(invitations.rows).toEqual([
    { role: "editor", status: "accepted" },
    { role: "viewer", status: "canceled" },
  ]);

  // The old password signs in through better-auth.
  const jar = new Map<string, string>();
  const browser: ActionContext = {
    headers: new Headers({ host: "studio.test", "x-forwarded-for": "10.4.0.1" }),
    cookies: {
      get: (name) => (jar.has(name) ? { value: jar.get(name)! } : undefined),
      set: (name, value) => void jar.set(name, value),
      delete: (name) => void jar.delete(name),
    },
  };
  await signIn(db.prisma, browser, { email: "pw@old.example", password: "from before" });
  expect((await resolveMember(db.prisma, jar.get(SESSION_COOKIE)))?.user.email).toBe("pw@old.example");
});
