import type { Page } from "@playwright/test";
import { signInAs } from "./auth-helpers";
import { withDb } from "./db";

/**
 * Every dashboard page visit of these specs goes through here: the browser is signed in as a fresh owner
 * of every project that exists at this moment (specs make their runs first, in whatever project), then
 * goes to the page. Access rules themselves are tested by auth.spec.ts and the authorization matrix.
 */
export async function openPage(page: Page, path: string): Promise<void> {
  const projects = await withDb(
    async (db) => (await db.query<{ id: string }>(`SELECT id FROM projects`)).rows,
  );
  await signInAs(
    page.context(),
    projects.map((p) => ({ id: p.id, role: "owner" as const })),
  );
  await page.goto(path);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}
