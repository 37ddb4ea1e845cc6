/**
 * Signing in for e2e tests without the UI: a user, its memberships and a session written straight into
 * the database the server uses (better-auth's shape), and its signed cookie put into the browser context.
 */
import type { BrowserContext } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { readAuthSecret } from "@/lib/server/auth/better-auth/auth-secret";
import {
  generateSessionToken,
  SESSION_COOKIE,
  signSessionToken,
} from "@/lib/server/auth/better-auth/session-cookie";
import { withDb } from "./db";

export type Role = "owner" | "editor" | "viewer";

export async function createProject(name = `Project ${randomUUID().slice(0, 8)}`) {
  return withDb(async (db) => {
    const slug = `p-${randomUUID().slice(0, 8)}`;
    const { rows } = await db.query(
      `INSERT INTO projects (id, name, slug, updated_at) VALUES (gen_random_uuid(), $1, $2, now()) RETURNING id`,
      [name, slug],
    );
    return { id: rows[0].id as string, name, slug };
  });
}

/** A signed-in member of the given projects; the browser context carries their session from now on. */
export async function signInAs(
  context: BrowserContext,
  projects: { id: string; role: Role }[],
  name = `User ${randomUUID().slice(0, 6)}`,
) {
  const token = generateSessionToken();
  const userId = await withDb(async (db) => {
    const user = await db.query(
      `INSERT INTO users (id, email, name, updated_at) VALUES (gen_random_uuid(), $1, $2, now()) RETURNING id`,
      [`${randomUUID()}@e2e.test`, name],
    );
    const id = user.rows[0].id as string;
    for (const p of projects)
      await db.query(
        `INSERT INTO memberships (id, project_id, user_id, role) VALUES (gen_random_uuid(), $1, $2, $3::role)`,
        [p.id, id, p.role],
      );
    await db.query(
      `INSERT INTO sessions (id, user_id, token, expires_at, updated_at) VALUES (gen_random_uuid(), $1, $2, now() + interval '1 day', now())`,
      [id, token],
    );
    return id;
  });
  const baseURL = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;
  await context.addCookies([
    {
      name: SESSION_COOKIE,
      value: signSessionToken(token, readAuthSecret()),
      url: baseURL,
      httpOnly: true,
      sameSite: "Lax",
    },
  ]);
  return { userId, name };
}
